package dev.checkout.bench;

import java.util.List;
import java.util.Locale;

/** {@code ./checkout bench <name> [options]}: runs {@code dev.checkout.bench.<Name>Bench}. */
public final class BenchMain {

    static final List<String> KNOWN = List.of("reserve", "cart", "checkout", "search", "flash-sale");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.out.println("usage: ./checkout bench <name> [options]");
            for (String name : KNOWN) {
                find(name).ifPresent(bench -> System.out.println("  " + name + "  " + bench.usage()));
            }
            return;
        }
        Bench bench = find(args[0]).orElseThrow(() -> new IllegalArgumentException("no bench named '" + args[0] + "'"));
        bench.run(List.of(args).subList(1, args.length));
    }

    static java.util.Optional<Bench> find(String name) {
        StringBuilder simpleName = new StringBuilder();
        for (String word : name.split("-")) { // flash-sale: FlashSaleBench
            if (!word.isEmpty()) {
                simpleName.append(word.substring(0, 1).toUpperCase(Locale.ROOT)).append(word.substring(1));
            }
        }
        String className = BenchMain.class.getPackageName() + "." + simpleName + "Bench";
        try {
            return java.util.Optional.of((Bench) Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            return java.util.Optional.empty();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className, e);
        }
    }
}
