package com.trafficmanager.console.connect;

import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/** Kafka answers when the cluster lists a broker and the route events topic exists. */
public final class KafkaProbe implements ServerProbe {
    private final Admin admin;
    private final String bootstrap;
    private final String topic;

    public KafkaProbe(Admin admin, String bootstrap, String topic) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    @Override
    public String server() {
        return "Kafka";
    }

    @Override
    public void check() throws Exception {
        try {
            checkClusterAndTopic();
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                // Kafka's own message ("Timed out waiting for a node assignment") does not say where it looked.
                throw new IllegalStateException("no broker answered at " + bootstrap + " within 4 s", e);
            }
            throw e;
        }
    }

    private void checkClusterAndTopic() throws Exception {
        if (admin.describeCluster().nodes().get(4, TimeUnit.SECONDS).isEmpty()) {
            throw new IllegalStateException("the cluster lists no broker");
        }
        Set<String> names = admin.listTopics().names().get(4, TimeUnit.SECONDS);
        if (!names.contains(topic)) {
            throw new IllegalStateException("topic '" + topic + "' does not exist");
        }
    }
}
