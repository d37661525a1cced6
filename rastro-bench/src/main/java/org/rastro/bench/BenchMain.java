package org.rastro.bench;

import java.util.Arrays;
import org.openjdk.jmh.Main;

/**
 * Benchmark commands whose figures go to {@code docs/BENCHMARKS.md}.
 *
 * <pre>
 * java -Xmx512m -jar rastro-bench/target/rastro-bench.jar import [--weapons N] [--runs R] [--seed S]
 * java -jar rastro-bench/target/rastro-bench.jar log [--events N] [--clients C]
 * java -Xmx2g -jar rastro-bench/target/rastro-bench.jar trace [--weapons N] [--queries Q] [--pg-queries P] [--seed S]
 * java -jar rastro-bench/target/rastro-bench.jar http --url URL --credentials FILE [--weapons N] [--clients C] [--seconds S]
 * java -jar rastro-bench/target/rastro-bench.jar accountability [--weapons N] [--holders H]
 * java -jar rastro-bench/target/rastro-bench.jar history [--weapons N] [--rounds R] [--peer-rounds P]
 * </pre>
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (args.length == 0 ? "" : args[0]) {
            case "import" -> ImportBenchmark.run(rest);
            case "log" -> LogBenchmark.run(rest);
            case "trace" -> TraceBenchmark.run(rest);
            case "http" -> HttpBenchmark.run(rest);
            case "accountability" -> AccountabilityBenchmark.run(rest);
            case "pages" -> PagesBenchmark.run(rest);
            case "paging" -> PagingBenchmark.run(rest);
            case "history" -> HistoryBenchmark.run(rest);
            case "witness" -> WitnessBenchmark.run(rest);
            case "crafted" -> CraftedBenchmark.run(rest);
            case "crafted-scale" -> CraftedScaleBenchmark.run(rest);
            case "psi" -> PsiBenchmark.run(rest);
            case "phones" -> PhonesBenchmark.run(rest);
            case "graph" -> GraphBenchmark.run(rest);
            case "phones-eval" -> PhonesEvaluation.run(rest);
            case "screenshots" -> Screenshots.run(rest);
            case "jmh" -> Main.main(rest);
            default -> {
                System.err.println("usage: rastro-bench import [--weapons N] [--runs R] [--seed S]");
                System.err.println("       rastro-bench jmh [JMH options] [SerialAlignment|MerkleHash]");
                System.err.println("       rastro-bench log [--events N] [--clients C]");
                System.err.println("       rastro-bench trace [--weapons N] [--queries Q] [--pg-queries P] [--seed S]");
                System.err.println("       rastro-bench accountability [--weapons N] [--holders H] [--data-dir DIR]");
                System.err.println("       rastro-bench crafted [--weapons N] [--producers P] [--worlds W]");
                System.err.println("       rastro-bench crafted-scale [--weapons N] [--probes P] [--runs R]");
                System.err.println("       rastro-bench psi [--items N] [--runs R]");
                System.err.println("       rastro-bench phones [--records N] [--phones P] [--runs R] [--paths N]");
                System.err.println("       rastro-bench graph [--phones N] [--edges M] [--runs R] [--pairs P]");
                System.err.println("       rastro-bench phones-eval [--worlds W] [--phones P] [--seed S]");
                System.err.println("       rastro-bench pages --url URL --credentials FILE [--runs R]");
                System.err.println(
                        "       rastro-bench screenshots --url URL --credentials FILE [--out docs/screenshots]");
                System.err.println(
                        "       rastro-bench http --url URL --credentials FILE [--weapons N] [--seed S] [--clients C] [--seconds S]");
                System.exit(2);
            }
        }
    }
}
