package fr.paris.casvp.keycloak.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What every benchmark of the run shares, so that one report compares them: JMH samples single
 * calls in microseconds with the same warm-up, measurement and fork, and each call checks (or
 * hashes) the next password of a list given at set-up ({@link #inTurn}, {@link #nextPassword}).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
abstract class PasswordCheckBenchmark {

    private String[] passwords;
    private int next;

    /** The passwords the calls take in turn, from the first. */
    final void inTurn(List<String> list) {
        passwords = list.toArray(String[]::new);
        next = 0;
    }

    /** The next password of the list, the first again after the last. */
    final String nextPassword() {
        String password = passwords[next];
        next = next + 1 == passwords.length ? 0 : next + 1;
        return password;
    }
}
