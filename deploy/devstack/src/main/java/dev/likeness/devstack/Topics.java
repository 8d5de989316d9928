package dev.likeness.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** The platform's topics, as listed in deploy/kafka/topics.conf, created where missing. */
public final class Topics {

    private Topics() {
    }

    /** In the file's order, each topic's configs as written (one replica: the stack has one broker). */
    public static List<NewTopic> definitions() {
        try (InputStream in = Topics.class.getResourceAsStream("topics.conf")) {
            List<NewTopic> topics = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split("\\s+");
                Map<String, String> configs = new LinkedHashMap<>();
                for (int i = 2; i < fields.length; i++) {
                    String[] pair = fields[i].split("=", 2);
                    configs.put(pair[0], pair[1]);
                }
                topics.add(new NewTopic(fields[0], Integer.parseInt(fields[1]), (short) 1).configs(configs));
            }
            return topics;
        } catch (IOException e) {
            throw new IllegalStateException("topics.conf is missing from the devstack jar", e);
        }
    }

    public static void create(String bootstrapServers) throws InterruptedException, ExecutionException {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = definitions().stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka did not create the topics in 60 s", e);
                }
            }
        }
    }
}
