package com.trafficmanager.console.connect;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Kafka answers when the cluster lists a broker and the route events topic exists. */
public final class KafkaProbe implements ServerProbe {
    private final Admin admin;
    private final String topic;

    public KafkaProbe(Admin admin, String topic) {
        this.admin = admin;
        this.topic = topic;
    }

    @Override
    public String server() {
        return "Kafka";
    }

    @Override
    public void check() throws Exception {
        if (admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
            throw new IllegalStateException("the cluster lists no broker");
        }
        Set<String> names = admin.listTopics().names().get(4, TimeUnit.SECONDS);
        if (!names.contains(topic)) {
            throw new IllegalStateException("topic '" + topic + "' does not exist");
        }
    }
}
