package com.trafficmanager.console.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class CsvWriterTest {
    @Test
    void quotesOnlyWhatNeedsQuotingAndEndsRecordsWithCrLf() throws Exception {
        StringWriter out = new StringWriter();
        CsvWriter csv = new CsvWriter(out);
        csv.row(List.of("plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", ""));
        csv.row(List.of("x"));
        assertThat(out.toString()).isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\r\nx\r\n");
    }

    @Test
    void formulaLikeCellsAreDefused() {
        assertThat(CsvWriter.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(CsvWriter.field("+1")).isEqualTo("'+1");
        assertThat(CsvWriter.field("-cmd")).isEqualTo("'-cmd");
        assertThat(CsvWriter.field("@sum")).isEqualTo("'@sum");
        assertThat(CsvWriter.field("https://a.example.com")).isEqualTo("https://a.example.com");
        assertThat(CsvWriter.field(null)).isEmpty();
    }
}
