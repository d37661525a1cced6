package org.rastro.bench;

import java.util.Arrays;

/**
 * Benchmark commands whose figures go to {@code docs/BENCHMARKS.md}.
 *
 * <pre>
 * java -Xmx512m -jar rastro-bench/target/rastro-bench.jar import [--weapons N] [--runs R] [--seed S]
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("import")) {
            System.err.println("usage: rastro-bench import [--weapons N] [--runs R] [--seed S]");
            System.exit(2);
        }
        ImportBenchmark.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
