package dev.checkout.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A seeded catalogue for the search bench: realistic-looking product names from brands, adjectives and nouns, in a
 * category tree, with prices and stock, written straight into the catalog's table (the admin API would take longer to
 * load 100,000 products than the search takes to be measured). Also the mix of queries the bench sends, and the old
 * SQL search (a case-insensitive substring match with its filters and facet counts) to compare against.
 */
final class SearchCatalogue {

    static final String[] BRANDS = {"Acme", "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli",
            "Soylent", "Vandelay", "Tyrell", "Cyberdyne", "Wonka", "Gringotts", "Oscorp", "Massive", "Aperture", "Black Mesa",
            "Monarch", "Pied Piper", "Dunder", "Prestige", "Nakatomi", "Zorg", "Virtucon", "Duff", "Krusty", "Lacuna", "Octan"};
    static final String[] ADJECTIVES = {"wireless", "portable", "compact", "professional", "smart", "ergonomic", "waterproof",
            "lightweight", "premium", "classic", "digital", "rechargeable", "foldable", "stainless", "organic", "vintage",
            "ultra", "gaming", "outdoor", "quiet"};
    static final String[][] CATEGORIES = {
            {"electronics/computers/laptops", "laptop", "notebook", "ultrabook", "chromebook"},
            {"electronics/computers/accessories", "keyboard", "mouse", "monitor", "webcam", "docking station"},
            {"electronics/audio", "headphones", "speaker", "earbuds", "soundbar", "microphone"},
            {"electronics/phones", "smartphone", "phone case", "charger", "power bank"},
            {"home/kitchen", "kettle", "toaster", "blender", "coffee maker", "knife set", "frying pan"},
            {"home/furniture", "desk", "chair", "bookshelf", "lamp", "sofa"},
            {"sports/outdoor", "tent", "backpack", "sleeping bag", "water bottle", "hiking boots"},
            {"sports/fitness", "yoga mat", "dumbbell", "treadmill", "jump rope"},
            {"fashion/bags", "laptop bag", "tote bag", "wallet", "suitcase"},
            {"toys/games", "puzzle", "board game", "drone", "building blocks"}};

    record Query(String q, String brand, String category, BigDecimal maxPrice, boolean inStock) {

        String path() {
            StringBuilder path = new StringBuilder("/api/v1/products?limit=20&q=").append(q.replace(" ", "+"));
            if (brand != null) {
                path.append("&brand=").append(brand.replace(" ", "+"));
            }
            if (category != null) {
                path.append("&category=").append(category);
            }
            if (maxPrice != null) {
                path.append("&max_price=").append(maxPrice);
            }
            if (inStock) {
                path.append("&in_stock=true");
            }
            return path.toString();
        }
    }

    private SearchCatalogue() {
    }

    static void load(String jdbcUrl, int count, long seed) throws SQLException {
        Random random = new Random(seed);
        try (Connection connection = java.sql.DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement insert = connection.prepareStatement("""
                     insert into catalog.products (product_id, sku, name, description, brand, category_path, base_price, sale_price,
                         available_quantity, created_at, updated_at)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, now() - make_interval(secs => ?), now())""")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                String noun = category[1 + random.nextInt(category.length - 1)];
                String brand = BRANDS[random.nextInt(BRANDS.length)];
                String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
                String name = brand + " " + adjective + " " + noun + " " + (100 + random.nextInt(900));
                BigDecimal price = BigDecimal.valueOf(500 + random.nextInt(150_000), 2);
                insert.setString(1, String.format("prod_%032x", i));
                insert.setString(2, "BENCH-" + i);
                insert.setString(3, name);
                insert.setString(4, "A " + ADJECTIVES[random.nextInt(ADJECTIVES.length)] + " " + noun + " by " + brand
                        + ", built for everyday use and made to last.");
                insert.setString(5, brand);
                insert.setString(6, category[0]);
                insert.setBigDecimal(7, price);
                insert.setBigDecimal(8, random.nextInt(5) == 0 ? price.multiply(new BigDecimal("0.8")).setScale(2, java.math.RoundingMode.DOWN) : null);
                insert.setInt(9, random.nextInt(4) == 0 ? 0 : random.nextInt(100));
                insert.setInt(10, random.nextInt(10_000_000));
                insert.addBatch();
                if (i % 1_000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    /** One to three words, a fifth of the queries with a typo in one word, half with a filter. */
    static List<Query> queries(int count, long seed) {
        Random random = new Random(seed);
        List<Query> queries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            List<String> words = new ArrayList<>(List.of(category[1 + random.nextInt(category.length - 1)].split(" ")));
            int extra = random.nextInt(3);
            if (extra >= 1 && words.size() < 3) {
                words.addFirst(ADJECTIVES[random.nextInt(ADJECTIVES.length)]);
            }
            if (extra == 2 && words.size() < 3) {
                words.addFirst(BRANDS[random.nextInt(BRANDS.length)].split(" ")[0].toLowerCase(Locale.ROOT));
            }
            if (random.nextInt(5) == 0) {
                int which = random.nextInt(words.size());
                words.set(which, typo(words.get(which), random));
            }
            int filter = random.nextInt(8);
            queries.add(new Query(String.join(" ", words), filter == 0 ? BRANDS[random.nextInt(BRANDS.length)] : null,
                    filter == 1 ? category[0].substring(0, category[0].indexOf('/')) : null,
                    filter == 2 ? BigDecimal.valueOf(100 + random.nextInt(400)) : null, filter == 3));
        }
        return queries;
    }

    static List<String> prefixes(int count, long seed) {
        Random random = new Random(seed);
        List<String> prefixes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String source = random.nextBoolean() ? category[1 + random.nextInt(category.length - 1)] : BRANDS[random.nextInt(BRANDS.length)];
            prefixes.add(source.toLowerCase(Locale.ROOT).substring(0, Math.min(source.length(), 2 + random.nextInt(4))).trim());
        }
        return prefixes;
    }

    /** Swaps two neighbouring letters, or replaces one, in a word of four letters or more. */
    private static String typo(String word, Random random) {
        if (word.length() < 4) {
            return word;
        }
        int at = 1 + random.nextInt(word.length() - 2);
        if (random.nextBoolean()) {
            return word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
        }
        return word.substring(0, at) + (char) ('a' + random.nextInt(26)) + word.substring(at + 1);
    }

    /** The old search: the phrase as a substring of name, description or brand, with its count, page and facet queries. */
    static int sqlSearch(Connection connection, Query query) throws SQLException {
        StringBuilder where = new StringBuilder("p.status = 'ACTIVE' and (p.name ilike ? or p.description ilike ? or p.brand ilike ?)");
        List<Object> params = new ArrayList<>(List.of("%" + query.q() + "%", "%" + query.q() + "%", "%" + query.q() + "%"));
        if (query.brand() != null) {
            where.append(" and lower(p.brand) = lower(?)");
            params.add(query.brand());
        }
        if (query.category() != null) {
            where.append(" and (p.category_path = ? or p.category_path like ?)");
            params.add(query.category());
            params.add(query.category() + "/%");
        }
        if (query.maxPrice() != null) {
            where.append(" and coalesce(p.sale_price, p.base_price) <= ?");
            params.add(query.maxPrice());
        }
        if (query.inStock()) {
            where.append(" and p.available_quantity > 0");
        }
        int rows = 0;
        for (String sql : List.of(
                "select count(*) from catalog.products p where " + where,
                "select p.* from catalog.products p where " + where + " order by p.created_at desc, p.product_id limit 20",
                "select p.brand, count(*) from catalog.products p where " + where + " group by p.brand order by 2 desc limit 20",
                "select p.category_path, count(*) from catalog.products p where " + where + " group by 1 order by 2 desc limit 20",
                "select width_bucket(coalesce(p.sale_price, p.base_price), array[25, 50, 100, 250, 500, 1000]::numeric[]), count(*)"
                        + " from catalog.products p where " + where + " group by 1")) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows++;
                    }
                }
            }
        }
        return rows;
    }
}
