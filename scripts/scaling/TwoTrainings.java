import org.imdbsentiment.app.cli.Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * N project commands at once in one JVM, each on a thread of its own with its own model and data
 * (no ParallelWrapper, nothing shared but the JVM and the native libraries), printing each one's
 * JSON line: with {@code benchmark}, whether one JVM trains two independent models twice as fast
 * as one. Usage: {@code java -cp <jar> TwoTrainings N benchmark --data ... --threads 1}.
 */
public class TwoTrainings {
    public static void main(String[] args) throws InterruptedException {
        int n = Integer.parseInt(args[0]);
        String[] command = Arrays.copyOfRange(args, 1, args.length);
        List<Thread> threads = new ArrayList<>();
        List<ByteArrayOutputStream> outputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            outputs.add(out);
            Thread t = new Thread(() -> new Cli(new PrintStream(out), System.err, System.in, System.getProperties())
                    .execute(command));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (ByteArrayOutputStream out : outputs) {
            out.toString().lines().filter(l -> l.startsWith("{\"benchmark")).forEach(System.out::println);
        }
    }
}
