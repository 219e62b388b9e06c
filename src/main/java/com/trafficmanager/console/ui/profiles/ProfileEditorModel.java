package com.trafficmanager.console.ui.profiles;

import com.trafficmanager.console.config.Profile;
import com.trafficmanager.console.config.ProfileForm;
import com.trafficmanager.console.config.ProfileValidator;
import com.trafficmanager.console.config.Settings;
import com.trafficmanager.console.config.SettingsStore;
import com.trafficmanager.console.connect.ConnectionTester;
import com.trafficmanager.console.text.FailureText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * View model of the profile editor: the profiles of the settings file as drafts, the selected one in
 * the form, its problems per field checked on every change with the settings loader's own rules, and
 * the commands Add, Remove, Test connection and Save. The built-in sandbox is not listed: it is always
 * there. Nothing is written before Save; Save writes all profiles at once, and only when every draft
 * is valid and every secret file newly named exists: a secret pasted into a file field is a valid
 * relative path, and saving it would write the secret into the settings file (see
 * {@link ProfileValidator#checkSecretFiles}). Files are looked for on Save only, in the background, so
 * such a problem shows under its field from the Save that found it until the field is changed.
 *
 * <p>Threading: called on the UI thread; Test connection and Save run on {@code background} and report
 * through {@code ui} once. Tests pass direct executors.
 */
public final class ProfileEditorModel {
    private final SettingsStore store;
    private Settings basis; // what the file held when last read or written here: a save refuses other changes
    private final ProfileValidator validator;
    private final ConnectionTester tester;
    private final Map<String, String> env;
    private final Executor background;
    private final Executor ui;
    private final Runnable onSaved;

    private final List<ProfileForm> drafts = new ArrayList<>();
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final SimpleStringProperty selected = new SimpleStringProperty();
    private int index = -1;
    private long selections; // counts select(): a test's answer belongs to the selection it was asked from
    private boolean loading;

    private final Map<ProfileField, StringProperty> values = new EnumMap<>(ProfileField.class);
    private final Map<ProfileField, SimpleStringProperty> errors = new EnumMap<>(ProfileField.class);
    private final BooleanProperty external = new SimpleBooleanProperty(true);
    private final BooleanProperty readOnly = new SimpleBooleanProperty();
    private final SimpleStringProperty generalError = new SimpleStringProperty("");
    private final SimpleBooleanProperty formValid = new SimpleBooleanProperty();
    private final SimpleBooleanProperty dirty = new SimpleBooleanProperty();
    private long changes; // every change since the editor opened (see changed())
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final SimpleStringProperty message = new SimpleStringProperty("");
    private final ObservableList<ConnectionTester.Result> testResults = FXCollections.observableArrayList();
    // the missing secret files the last Save found, by field and text: shown while a field still holds that text
    private final Map<FieldValue, String> missingFiles = new HashMap<>();
    // one read-only view per list, handed out every time: the backing list holds a view only weakly, so a
    // view made per call (and its listeners) would go with the next garbage collection
    private final ObservableList<String> namesView = FXCollections.unmodifiableObservableList(names);
    private final ObservableList<ConnectionTester.Result> testResultsView =
            FXCollections.unmodifiableObservableList(testResults);

    public ProfileEditorModel(SettingsStore store, Settings basis, ConnectionTester tester, Map<String, String> env,
                              Executor background, Executor ui, Runnable onSaved) {
        this.store = store;
        this.basis = basis;
        this.validator = new ProfileValidator(store.file().toAbsolutePath().getParent());
        this.tester = tester;
        this.env = env;
        this.background = background;
        this.ui = ui;
        this.onSaved = onSaved;
        Path dir = store.file().toAbsolutePath().getParent();
        for (Profile p : basis.profiles()) {
            drafts.add(ProfileForm.of(p, dir));
            names.add(p.name());
        }
        for (ProfileField f : ProfileField.values()) {
            values.put(f, new SimpleStringProperty(""));
            errors.put(f, new SimpleStringProperty(""));
            values.get(f).addListener((o, a, b) -> edited());
        }
        external.addListener((o, a, b) -> edited());
        readOnly.addListener((o, a, b) -> edited());
        if (!drafts.isEmpty()) {
            select(0);
        }
    }

    /** Shows the draft at {@code i} in the form; the draft being left keeps its edits, valid or not. */
    public void select(int i) {
        if (i < 0 || i >= drafts.size() || i == index) {
            return;
        }
        index = i;
        selections++;
        ProfileForm d = drafts.get(i);
        loading = true;
        for (ProfileField f : ProfileField.values()) {
            values.get(f).set(f.get.apply(d));
        }
        external.set(d.external());
        readOnly.set(d.readOnly());
        loading = false;
        selected.set(names.get(i));
        testResults.clear();
        validate();
    }

    /** A new external profile with defaults, named so that it is unique, selected. */
    public void add() {
        String name = "new-profile";
        for (int n = 2; names.contains(name); n++) {
            name = "new-profile-" + n;
        }
        ProfileForm blank = ProfileForm.blank();
        drafts.add(new ProfileForm(name, true, blank.jdbcUrl(), blank.jdbcUser(), "", "", blank.kafkaBootstrap(), "", "",
                "", blank.redisUri(), "", "", "", blank.topic(), blank.consumerGroup(), blank.protectedEnvs(), false, ""));
        names.add(name);
        changed();
        select(drafts.size() - 1);
    }

    /** The editor opened on a file without profiles: a blank one to fill in, not yet a change to save. */
    public void startWithABlankProfile() {
        add();
        dirty.set(false);
    }

    /** Removes the selected profile from the list (the file changes on Save). */
    public void remove() {
        if (index < 0) {
            return;
        }
        selections++; // a test under way was of the profile removed
        drafts.remove(index);
        names.remove(index);
        changed();
        int next = Math.min(index, drafts.size() - 1);
        index = -1;
        if (next >= 0) {
            select(next);
        } else {
            selected.set(null);
            formValid.set(false);
        }
        message.set("");
    }

    private void edited() {
        if (loading || index < 0) {
            return;
        }
        drafts.set(index, form());
        String name = v(ProfileField.NAME).strip();
        if (!name.equals(names.get(index))) {
            names.set(index, name);
        }
        changed();
        validate();
    }

    /** Something differs from the file now; counted, so a save knows whether edits came in while it ran. */
    private void changed() {
        changes++;
        dirty.set(true);
    }

    private ProfileForm form() {
        return new ProfileForm(v(ProfileField.NAME), external.get(), v(ProfileField.JDBC_URL), v(ProfileField.JDBC_USER),
                v(ProfileField.JDBC_PASSWORD_ENV), v(ProfileField.JDBC_PASSWORD_FILE), v(ProfileField.KAFKA_BOOTSTRAP),
                v(ProfileField.KAFKA_PROPERTIES), v(ProfileField.KAFKA_SECRET_ENV), v(ProfileField.KAFKA_SECRET_FILE),
                v(ProfileField.REDIS_URI), v(ProfileField.REDIS_USER), v(ProfileField.REDIS_PASSWORD_ENV),
                v(ProfileField.REDIS_PASSWORD_FILE), v(ProfileField.TOPIC), v(ProfileField.CONSUMER_GROUP),
                v(ProfileField.PROTECTED_ENVS), readOnly.get(), v(ProfileField.USER));
    }

    private String v(ProfileField f) {
        String s = values.get(f).get();
        return s == null ? "" : s;
    }

    private ProfileValidator.ProfileCheck check(int i) {
        List<String> others = new ArrayList<>();
        for (int j = 0; j < drafts.size(); j++) {
            if (j != i) {
                others.add(drafts.get(j).name().strip());
            }
        }
        return validator.check(drafts.get(i), others);
    }

    private void validate() {
        ProfileValidator.ProfileCheck check = check(index);
        for (ProfileField f : ProfileField.values()) {
            String text = check.forField(f.key);
            if (text.isEmpty() && external.get()) {
                text = missingFiles.getOrDefault(new FieldValue(f, v(f)), "");
            }
            errors.get(f).set(text);
        }
        generalError.set(String.join("\n", check.otherThan(ProfileField.KEYS)));
        formValid.set(check.valid());
    }

    /** Checks PostgreSQL, Kafka and Redis of the profile in the form, in the background. */
    public void testConnection() {
        if (index < 0 || busy.get()) {
            return;
        }
        Optional<Profile> profile = check(index).profile();
        if (profile.isEmpty() || profile.get().isSandbox()) {
            message.set(profile.isEmpty() ? "Fix the marked fields first" : "The sandbox's servers are started by the console");
            return;
        }
        busy.set(true);
        testResults.clear();
        message.set("Testing " + profile.get().name() + "...");
        long askedFrom = selections;
        background.execute(() -> {
            List<ConnectionTester.Result> results = tester.test(profile.get(), env);
            ui.execute(() -> {
                busy.set(false);
                long failed = results.stream().filter(r -> !r.ok()).count();
                String verdict = failed == 0 ? "All three servers answer" : failed + " of 3 servers failed";
                if (askedFrom == selections) {
                    testResults.setAll(results);
                    message.set(verdict);
                } else { // another profile is shown now: its form must not show this one's results
                    message.set("Test of '" + profile.get().name() + "': " + verdict.toLowerCase(java.util.Locale.ROOT)
                            + " (test it again to see the details)");
                }
            });
        });
    }

    /** Writes every profile to the settings file, when all are valid and their new secret files exist. */
    public void save() {
        List<Profile> profiles = new ArrayList<>();
        List<ProfileForm> forms = List.copyOf(drafts);
        for (int i = 0; i < drafts.size(); i++) {
            Optional<Profile> p = check(i).profile();
            if (p.isEmpty()) {
                select(i);
                message.set("Profile '" + names.get(i) + "' has problems; fix them to save");
                return;
            }
            profiles.add(p.get());
        }
        busy.set(true);
        message.set("Saving...");
        Settings from = basis;
        long changesSaved = changes;
        background.execute(() -> {
            List<MissingFiles> missing = new ArrayList<>();
            for (int i = 0; i < profiles.size(); i++) {
                ProfileValidator.ProfileCheck files = validator.checkSecretFiles(profiles.get(i), from.profiles());
                if (!files.valid()) {
                    missing.add(new MissingFiles(forms.get(i), profiles.get(i).name(), files));
                }
            }
            if (!missing.isEmpty()) { // nothing is written
                ui.execute(() -> {
                    busy.set(false);
                    showMissingFiles(missing);
                });
                return;
            }
            String result;
            Settings written = null;
            try {
                written = store.save(from, new Settings(profiles, from.lastProfile()));
                result = "Saved " + profiles.size() + " profile(s) to " + store.file();
            } catch (Exception e) {
                result = "Not saved: " + FailureText.of(e);
            }
            String text = result;
            Settings saved = written;
            ui.execute(() -> {
                busy.set(false);
                if (!missingFiles.isEmpty()) { // every secret file was found this time
                    missingFiles.clear();
                    if (index >= 0) {
                        validate();
                    }
                }
                message.set(text);
                if (saved != null) {
                    basis = saved;
                    if (changes == changesSaved) {
                        dirty.set(false);
                        for (int i = 0; i < profiles.size(); i++) {
                            names.set(i, profiles.get(i).name());
                        }
                    } else { // edits made while it wrote are not in the file: they stay to be saved
                        message.set(text + "; the changes made while saving are not saved yet");
                    }
                    onSaved.run();
                }
            });
        });
    }

    /** Shows each missing file under its field, and the first profile that names one. */
    private void showMissingFiles(List<MissingFiles> missing) {
        missingFiles.clear();
        for (MissingFiles m : missing) {
            for (ProfileField f : ProfileField.values()) {
                String text = m.check().forField(f.key);
                if (!text.isEmpty()) {
                    missingFiles.put(new FieldValue(f, f.get.apply(m.form())), text);
                }
            }
        }
        int i = drafts.indexOf(missing.get(0).form()); // -1 if it was edited while the files were looked for
        if (i >= 0) {
            select(i);
        }
        if (index >= 0) {
            validate();
        }
        message.set("Profile '" + missing.get(0).name() + "' has problems; fix them to save");
    }

    /** A profile that Save refused for its missing secret files, with the form it was made from. */
    private record MissingFiles(ProfileForm form, String name, ProfileValidator.ProfileCheck check) {
    }

    /** The text of one field. */
    private record FieldValue(ProfileField field, String value) {
    }

    public ObservableList<String> names() {
        return namesView;
    }

    public ReadOnlyStringProperty selectedProperty() {
        return selected;
    }

    StringProperty value(ProfileField f) {
        return values.get(f);
    }

    ReadOnlyStringProperty error(ProfileField f) {
        return errors.get(f);
    }

    public BooleanProperty externalProperty() {
        return external;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public ReadOnlyStringProperty generalErrorProperty() {
        return generalError;
    }

    public ReadOnlyBooleanProperty formValidProperty() {
        return formValid;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ObservableList<ConnectionTester.Result> testResults() {
        return testResultsView;
    }
}
