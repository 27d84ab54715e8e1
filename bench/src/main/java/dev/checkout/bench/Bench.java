package dev.checkout.bench;

import java.util.List;

/** One benchmark: runs with its own options and prints what it measured. */
public interface Bench {

    /** One line saying what the bench measures and its options, for {@code ./checkout bench} without a name. */
    String usage();

    void run(List<String> options) throws Exception;
}
