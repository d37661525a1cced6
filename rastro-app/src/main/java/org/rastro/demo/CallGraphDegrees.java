package org.rastro.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many contacts people have in a real call graph (the Copenhagen Networks Study, {@code network/SOURCE.md}):
 * the distribution synthetic phone worlds draw each phone's number of contacts from.
 */
public final class CallGraphDegrees {

    private CallGraphDegrees() {}

    /** The degree of every student in the Copenhagen call and SMS graphs merged (each pair once). */
    public static int[] copenhagen() {
        Map<String, Set<String>> contacts = new HashMap<>();
        for (String f : List.of("network/copenhagen_calls.csv", "network/copenhagen_sms.csv")) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                    CallGraphDegrees.class.getClassLoader().getResourceAsStream(f), StandardCharsets.UTF_8))) {
                in.readLine();
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] p = line.split(";");
                    if (!p[0].equals(p[1])) {
                        contacts.computeIfAbsent(p[0], k -> new HashSet<>()).add(p[1]);
                        contacts.computeIfAbsent(p[1], k -> new HashSet<>()).add(p[0]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return contacts.values().stream().mapToInt(Set::size).toArray();
    }
}
