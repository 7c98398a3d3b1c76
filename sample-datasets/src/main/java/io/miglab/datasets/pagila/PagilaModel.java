package io.miglab.datasets.pagila;

import io.miglab.core.Cancellation;
import io.miglab.core.MigLabException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The generated Pagila at one scale and seed: table sizes and, for every row, a pure function of (seed, table, row
 * number). Nothing is generated ahead and no row depends on the one before it, so any range of any table can be
 * written by any thread at any time, the output is the same byte for byte whatever the parallelism, and memory does
 * not grow with scale (the only arrays are per film, which grow with the square root of the scale).
 *
 * <p>Shapes worth tuning against: rentals per customer and per film are skewed (a few customers and films take many
 * times the average); rentals spread over seven months with Pagila's monthly volumes; about 1% of rentals are still
 * open (NULL {@code return_date}), more in the last two weeks; late returns bring a second payment; a few categories
 * (Drama, Sports, Action, Comedy) are far larger than the others; text columns have Pagila's lengths.
 */
final class PagilaModel {
    static final int OFFICIAL_CUSTOMERS = 599;
    static final int OFFICIAL_RENTALS = 16044;
    static final int OFFICIAL_INVENTORY = 4581;
    static final int STORES = 500;
    static final int STAFF_PER_STORE = 3;
    static final int CITIES = 600;

    private static final int T_ACTOR = 1,
            T_FILM = 2,
            T_FILM_ACTOR = 3,
            T_FILM_CATEGORY = 4,
            T_INVENTORY = 5,
            T_STORE = 6,
            T_STAFF = 7,
            T_CUSTOMER = 8,
            T_ADDRESS = 9,
            T_CITY = 10,
            T_RENTAL = 11,
            T_PAYMENT = 12;

    private static final long LAST_UPDATE =
            LocalDate.of(2022, 2, 15).atTime(9, 34, 33).toEpochSecond(ZoneOffset.UTC);
    private static final long[] MONTH_START = new long[8];
    /** A prime that divides no count of title-word pairs, so index -> index * stride mod pairs is a permutation. */
    private static final long TITLE_STRIDE = 7_919;
    /** Rentals per month in the official Pagila (its payments per partition), January to July 2022. */
    private static final double[] MONTH_WEIGHT = {723, 2401, 2713, 2547, 2677, 2654, 2334};

    private static final double[] MONTH_CUMULATIVE = new double[8];
    /** The last rental is four hours before the end of July, so every payment lands in a partition. */
    private static final long END_MARGIN = 4 * 3600;

    static {
        double total = Arrays.stream(MONTH_WEIGHT).sum();
        for (int m = 0; m < 8; m++) {
            MONTH_START[m] = LocalDate.of(2022, 1 + m, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        for (int m = 0; m < 7; m++) {
            MONTH_CUMULATIVE[m + 1] = MONTH_CUMULATIVE[m] + MONTH_WEIGHT[m] / total;
        }
        MONTH_CUMULATIVE[7] = 1.0;
    }

    final int scale;
    final long seed;
    final int actors;
    final int films;
    final int customers;
    final int addresses;
    final int staff;
    final long inventory;
    final long rentals;

    /** firstInventory[f - 1] is the first inventory_id of film f (copies are contiguous per film). */
    private final long[] firstInventory;
    /** Films that have copies, most popular first. */
    private final int[] stockedByPopularity;

    private final long customerA;
    private final long customerB;

    PagilaModel(int scale, long seed) {
        if (scale < 1 || scale > 10_000) {
            throw new MigLabException("Scale must be between 1 and 10000, not " + scale + ".");
        }
        this.scale = scale;
        this.seed = seed;
        double root = Math.sqrt(scale);
        this.actors = (int) Math.round(200 * root);
        this.films = (int) Math.round(1000 * root);
        this.customers = OFFICIAL_CUSTOMERS * scale;
        this.addresses = customers + 4;
        this.staff = STORES * STAFF_PER_STORE;
        this.inventory = (long) OFFICIAL_INVENTORY * scale;
        this.rentals = (long) OFFICIAL_RENTALS * scale;
        this.customerA = coprimeMultiplier(customers);
        this.customerB = Math.floorMod(mix(seed ^ 0x5DEECE66DL), customers);

        // Copies per film follow popularity; about 4% of films have none, as in Pagila.
        long filmA = coprimeMultiplier(films);
        double[] weight = new double[films];
        int[] rank = new int[films];
        double sum = 0;
        for (int f = 0; f < films; f++) {
            rank[f] = (int) ((f * filmA + Math.floorMod(seed, films)) % films);
            boolean unstocked = unit(hash(T_FILM, f, 9)) < 0.04;
            weight[f] = unstocked ? 0 : 1.0 / Math.pow(rank[f] + 20.0, 0.6);
            sum += weight[f];
        }
        firstInventory = new long[films + 1];
        long assigned = 0;
        double cumulative = 0;
        for (int f = 0; f < films; f++) {
            firstInventory[f] = assigned + 1;
            cumulative += weight[f];
            long target = Math.round(inventory * cumulative / sum);
            assigned = Math.max(assigned, target);
        }
        firstInventory[films] = inventory + 1;
        Integer[] stocked = new Integer[films];
        int count = 0;
        for (int f = 0; f < films; f++) {
            if (firstInventory[f + 1] > firstInventory[f]) {
                stocked[count++] = f;
            }
        }
        Integer[] ordered = Arrays.copyOf(stocked, count);
        Arrays.sort(ordered, (a, b) -> Integer.compare(rank[a], rank[b]));
        stockedByPopularity = Arrays.stream(ordered).mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- randomness

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long hash(int table, long row, int salt) {
        return mix(seed + table * 0x9E3779B97F4A7C15L + mix(row * 64 + salt));
    }

    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    static int pick(long hash, int n) {
        return (int) ((hash >>> 1) % n);
    }

    private static String pick(long hash, String[] words) {
        return words[pick(hash, words.length)];
    }

    /** A multiplier coprime with n, so that x -> (a*x + b) mod n permutes 0..n-1. */
    private static long coprimeMultiplier(long n) {
        long[] primes = {1_000_003L, 999_983L, 2_147_483_647L};
        for (long p : primes) {
            if (n % p != 0) {
                return p % n == 0 ? 1 : p;
            }
        }
        return 1;
    }

    // ---------------------------------------------------------------- shared derivations

    private int storeOfInventory(long inventoryId) {
        return (int) (STORES * Math.pow(unit(hash(T_INVENTORY, inventoryId, 1)), 2.0));
    }

    private int filmOfInventory(long inventoryId) {
        int index = Arrays.binarySearch(firstInventory, inventoryId);
        if (index < 0) {
            index = -index - 2;
        }
        while (index + 1 < firstInventory.length && firstInventory[index + 1] == inventoryId) {
            index++;
        }
        return index + 1;
    }

    private int rentalRateCents(int film) {
        return new int[] {99, 299, 499}[pick(hash(T_FILM, film, 1), 3)];
    }

    private int rentalDuration(int film) {
        return 3 + pick(hash(T_FILM, film, 2), 5);
    }

    private long rentalDate(long i) {
        double fraction = (i + unit(hash(T_RENTAL, i, 0))) / rentals;
        int month = 0;
        while (month < 6 && fraction >= MONTH_CUMULATIVE[month + 1]) {
            month++;
        }
        double within = (fraction - MONTH_CUMULATIVE[month]) / (MONTH_CUMULATIVE[month + 1] - MONTH_CUMULATIVE[month]);
        long length = MONTH_START[month + 1] - MONTH_START[month] - (month == 6 ? END_MARGIN : 0);
        return MONTH_START[month] + (long) (Math.min(within, 1.0) * (length - 1));
    }

    private long customerOfRental(long i) {
        long index = (long) (customers * Math.pow(unit(hash(T_RENTAL, i, 1)), 1.4));
        return (index * customerA + customerB) % customers + 1;
    }

    private long inventoryOfRental(long i) {
        int film = stockedByPopularity[(int) (stockedByPopularity.length * Math.pow(unit(hash(T_RENTAL, i, 2)), 1.8))];
        long first = firstInventory[film];
        long copies = firstInventory[film + 1] - first;
        return first + pick(hash(T_RENTAL, i, 3), (int) copies);
    }

    // ---------------------------------------------------------------- tables

    /** One table: how to cut it into ranges of "units" and how to write the rows of a range. */
    record Table(
            String name,
            String columns,
            long units,
            long estimatedRows,
            long chunkUnits,
            boolean binary,
            Writer writer) {
        /** The COPY statement: binary when asked and the model writes exact wire types for this table. */
        String copySql(boolean allowBinary) {
            return "COPY public." + name + " (" + columns + ") FROM STDIN"
                    + (allowBinary && binary ? " WITH (FORMAT binary)" : "");
        }

        int columnCount() {
            return columns.split(",").length;
        }
    }

    /** Writes the rows of units [from, to) and returns how many rows it wrote. */
    @FunctionalInterface
    interface Writer {
        long write(PagilaModel model, long from, long to, CopyRows out, Cancellation cancellation) throws IOException;
    }

    List<Table> tables() {
        long big = 250_000;
        return List.of(
                new Table(
                        "rental",
                        "rental_id, rental_date, inventory_id, customer_id, return_date, staff_id," + " last_update",
                        rentals,
                        rentals,
                        big,
                        true,
                        PagilaModel::rental),
                new Table(
                        "payment",
                        "payment_id, customer_id, staff_id, rental_id, amount, payment_date",
                        rentals,
                        rentals,
                        big,
                        true,
                        PagilaModel::payment),
                new Table(
                        "inventory",
                        "inventory_id, film_id, store_id, last_update",
                        films,
                        inventory,
                        films,
                        true,
                        PagilaModel::inventory),
                new Table(
                        "customer",
                        "customer_id, store_id, first_name, last_name, email, address_id, activebool,"
                                + " create_date, last_update, active",
                        customers,
                        customers,
                        customers,
                        true,
                        PagilaModel::customer),
                new Table(
                        "address",
                        "address_id, address, address2, district, city_id, postal_code, phone," + " last_update",
                        addresses,
                        addresses,
                        addresses,
                        false,
                        PagilaModel::address),
                new Table(
                        "film",
                        "film_id, title, description, release_year, language_id, original_language_id,"
                                + " rental_duration, rental_rate, length, replacement_cost, rating, last_update,"
                                + " special_features, fulltext",
                        films,
                        films,
                        films,
                        false,
                        PagilaModel::film),
                new Table(
                        "film_actor",
                        "actor_id, film_id, last_update",
                        films,
                        films * 55L / 10,
                        films,
                        false,
                        PagilaModel::filmActor),
                new Table(
                        "film_category",
                        "film_id, category_id, last_update",
                        films,
                        films * 237L / 100,
                        films,
                        false,
                        PagilaModel::filmCategory),
                new Table(
                        "staff",
                        "staff_id, first_name, last_name, address_id, email, store_id, active, username,"
                                + " password, last_update, picture",
                        staff,
                        staff,
                        staff,
                        false,
                        PagilaModel::staff),
                new Table(
                        "store",
                        "store_id, manager_staff_id, address_id, last_update",
                        STORES,
                        STORES,
                        STORES,
                        false,
                        PagilaModel::store),
                new Table(
                        "actor",
                        "actor_id, first_name, last_name, last_update",
                        actors,
                        actors,
                        actors,
                        false,
                        PagilaModel::actor),
                new Table(
                        "city",
                        "city_id, city, country_id, last_update",
                        CITIES,
                        CITIES,
                        CITIES,
                        false,
                        PagilaModel::city),
                new Table(
                        "country",
                        "country_id, country, last_update",
                        Words.COUNTRIES.length,
                        Words.COUNTRIES.length,
                        Words.COUNTRIES.length,
                        false,
                        PagilaModel::country),
                new Table(
                        "category",
                        "category_id, name, last_update",
                        Words.CATEGORIES.length,
                        Words.CATEGORIES.length,
                        Words.CATEGORIES.length,
                        false,
                        PagilaModel::category),
                new Table(
                        "language",
                        "language_id, name, last_update",
                        Words.LANGUAGES.length,
                        Words.LANGUAGES.length,
                        Words.LANGUAGES.length,
                        false,
                        PagilaModel::language));
    }

    private static void check(Cancellation cancellation, long row) {
        if ((row & 1023) == 0) {
            cancellation.checkpoint();
        }
    }

    long rental(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long i = from; i < to; i++) {
            check(cancellation, i);
            long date = rentalDate(i);
            long inventoryId = inventoryOfRental(i);
            int store = storeOfInventory(inventoryId);
            out.integer(i + 1).timestamp(date).integer(inventoryId).integer(customerOfRental(i));
            long returned = returnDate(i, date);
            if (returned < 0) {
                out.nul();
            } else {
                out.timestamp(returned);
            }
            out.integer((long) store * STAFF_PER_STORE + pick(hash(T_RENTAL, i, 4), STAFF_PER_STORE))
                    .timestamp(returned < 0 ? date : returned);
            out.endRow();
        }
        return to - from;
    }

    /** The return date, or -1 for a rental still open. */
    private long returnDate(long i, long date) {
        double open = unit(hash(T_RENTAL, i, 5));
        boolean recent = date > MONTH_START[7] - END_MARGIN - 14 * 86400L;
        if ((recent && open < 0.15) || open < 0.004) {
            return -1;
        }
        return date + rentalSeconds(i);
    }

    private long rentalSeconds(long i) {
        return 3600 + (long) (Math.pow(unit(hash(T_RENTAL, i, 6)), 1.3) * 9.5 * 86400);
    }

    long payment(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        long rows = 0;
        for (long i = from; i < to; i++) {
            check(cancellation, i);
            long date = rentalDate(i);
            if (returnDate(i, date) < 0) {
                continue; // not paid until it comes back
            }
            long inventoryId = inventoryOfRental(i);
            int film = filmOfInventory(inventoryId);
            long customer = customerOfRental(i);
            long staffId = (long) storeOfInventory(inventoryId) * STAFF_PER_STORE
                    + pick(hash(T_RENTAL, i, 4), STAFF_PER_STORE);
            long paid = date + (long) (unit(hash(T_PAYMENT, i, 0)) * 3 * 3600);
            out.integer(2 * i + 1)
                    .integer(customer)
                    .integer(staffId)
                    .integer(i + 1)
                    .cents(rentalRateCents(film))
                    .timestamp(paid);
            out.endRow();
            rows++;
            long overdueDays = rentalSeconds(i) / 86400 - rentalDuration(film);
            if (overdueDays > 0 && unit(hash(T_PAYMENT, i, 1)) < 0.05) {
                out.integer(2 * i + 2)
                        .integer(customer)
                        .integer(staffId)
                        .integer(i + 1)
                        .cents(Math.min(overdueDays, 10) * 100 + 99)
                        .timestamp(date + 3 * 3600 + 1800);
                out.endRow();
                rows++;
            }
        }
        return rows;
    }

    long inventory(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        long rows = 0;
        for (long f = from; f < to; f++) {
            cancellation.checkpoint();
            for (long id = firstInventory[(int) f]; id < firstInventory[(int) f + 1]; id++) {
                out.integer(id).integer(f + 1).integer(storeOfInventory(id)).timestamp(LAST_UPDATE + 2084);
                out.endRow();
                rows++;
            }
        }
        return rows;
    }

    long customer(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long c = from; c < to; c++) {
            check(cancellation, c);
            String first = pick(hash(T_CUSTOMER, c, 0), Words.FIRST_NAMES);
            String last = pick(hash(T_CUSTOMER, c, 1), Words.LAST_NAMES);
            int store = (int) (STORES * Math.pow(unit(hash(T_CUSTOMER, c, 2)), 1.5));
            boolean active = unit(hash(T_CUSTOMER, c, 3)) >= 0.025;
            out.integer(c + 1)
                    .integer(store)
                    .text(first)
                    .text(last)
                    .text(first)
                    .more(".")
                    .more(last)
                    .more(c >= OFFICIAL_CUSTOMERS ? "." + (c + 1) : "")
                    .more("@sakilacustomer.org")
                    .integer(c + 5)
                    .bool(true)
                    .date(LocalDate.of(2022, 2, 14).toEpochDay() - pick(hash(T_CUSTOMER, c, 4), 400))
                    .timestamp(LAST_UPDATE + 1367)
                    .integer(active ? 1 : 0);
            out.endRow();
        }
        return to - from;
    }

    long address(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long a = from; a < to; a++) {
            check(cancellation, a);
            long h = hash(T_ADDRESS, a, 0);
            int city = 1 + (int) ((long) (CITIES * Math.pow(unit(hash(T_ADDRESS, a, 1)), 1.3)) * 7 % CITIES);
            out.integer(a + 1)
                    .integer(1 + pick(h, 1999))
                    .more(" ")
                    .more(name(hash(T_ADDRESS, a, 2), 2))
                    .more(" ")
                    .more(pick(hash(T_ADDRESS, a, 3), Words.STREETS))
                    .nul()
                    .text(name(hash(T_ADDRESS, a, 4), 3))
                    .integer(city)
                    .integer(10000 + pick(hash(T_ADDRESS, a, 5), 89999))
                    .integer(100_000_000L + (hash(T_ADDRESS, a, 6) >>> 1) % 899_999_999_999L)
                    .timestamp(LAST_UPDATE + 657);
            out.endRow();
        }
        return to - from;
    }

    /** A made-up proper name of {@code syllables} syllables ("Balora"). */
    private static String name(long hash, int syllables) {
        StringBuilder text = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            text.append(Words.SYLLABLES[pick(mix(hash + s), Words.SYLLABLES.length)]);
        }
        text.setCharAt(0, Character.toUpperCase(text.charAt(0)));
        return text.toString();
    }

    long film(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        int words = Words.TITLE_WORDS.length;
        for (long index = from; index < to; index++) {
            cancellation.checkpoint();
            int f = (int) index + 1;
            // Two different words, each pair once: spread over all pairs so first words repeat only a few times.
            long pairs = (long) words * (words - 1);
            long title = (index % pairs) * TITLE_STRIDE % pairs;
            int firstWord = (int) (title / (words - 1));
            int secondWord = (int) (title % (words - 1));
            secondWord = secondWord >= firstWord ? secondWord + 1 : secondWord;
            String suffix = index >= pairs ? " " + (index / pairs + 1) : "";
            out.integer(f)
                    .text(Words.TITLE_WORDS[firstWord])
                    .more(" ")
                    .more(Words.TITLE_WORDS[secondWord])
                    .more(suffix);
            out.text("A ")
                    .more(pick(hash(T_FILM, f, 3), Words.ADJECTIVES))
                    .more(" ")
                    .more(pick(hash(T_FILM, f, 4), Words.GENRES))
                    .more(" of a ")
                    .more(pick(hash(T_FILM, f, 5), Words.PEOPLE))
                    .more(" And a ")
                    .more(pick(hash(T_FILM, f, 6), Words.PEOPLE))
                    .more(" who must ")
                    .more(pick(hash(T_FILM, f, 7), Words.VERBS))
                    .more(" a ")
                    .more(pick(hash(T_FILM, f, 8), Words.PEOPLE))
                    .more(" in ")
                    .more(pick(hash(T_FILM, f, 10), Words.PLACES));
            out.integer(2000 + pick(hash(T_FILM, f, 11), 25));
            double language = unit(hash(T_FILM, f, 12));
            out.integer(language < 0.8 ? 1 : 2 + pick(hash(T_FILM, f, 13), 5));
            if (unit(hash(T_FILM, f, 14)) < 0.9) {
                out.nul();
            } else {
                out.integer(1 + pick(hash(T_FILM, f, 15), 6));
            }
            out.integer(rentalDuration(f))
                    .cents(rentalRateCents(f))
                    .integer(46 + pick(hash(T_FILM, f, 16), 140))
                    .cents((9 + pick(hash(T_FILM, f, 17), 21)) * 100L + 99)
                    .text(pick(hash(T_FILM, f, 18), Words.RATINGS))
                    .timestamp(LAST_UPDATE + 17_000_000);
            int features = 1 + pick(hash(T_FILM, f, 19), 15);
            out.text("{");
            boolean first = true;
            for (int b = 0; b < 4; b++) {
                if ((features & (1 << b)) != 0) {
                    String feature = Words.SPECIAL_FEATURES[b];
                    out.more(first ? "" : ",").more(feature.contains(" ") ? "\"" + feature + "\"" : feature);
                    first = false;
                }
            }
            out.more("}");
            out.text(""); // fulltext: film_fulltext_trigger computes it from title and description
            out.endRow();
        }
        return to - from;
    }

    long filmActor(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        long step = actors % 7919 == 0 ? 7927 : 7919;
        long rows = 0;
        for (long index = from; index < to; index++) {
            cancellation.checkpoint();
            int f = (int) index + 1;
            int count = Math.min(actors, 1 + pick(hash(T_FILM_ACTOR, f, 0), 10));
            long start = pick(hash(T_FILM_ACTOR, f, 1), actors);
            for (int k = 0; k < count; k++) {
                out.integer((start + k * step) % actors + 1).integer(f).timestamp(LAST_UPDATE + 2000);
                out.endRow();
                rows++;
            }
        }
        return rows;
    }

    long filmCategory(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        double total = Arrays.stream(Words.CATEGORY_WEIGHTS).sum();
        long rows = 0;
        for (long index = from; index < to; index++) {
            cancellation.checkpoint();
            int f = (int) index + 1;
            double u = unit(hash(T_FILM_CATEGORY, f, 0));
            int count = u < 0.25 ? 1 : u < 0.55 ? 2 : u < 0.83 ? 3 : 4;
            int chosen = 0;
            for (int attempt = 0; Integer.bitCount(chosen) < count && attempt < 64; attempt++) {
                double target = unit(hash(T_FILM_CATEGORY, f, 1 + attempt)) * total;
                int category = 0;
                while (category < Words.CATEGORY_WEIGHTS.length - 1 && target >= Words.CATEGORY_WEIGHTS[category]) {
                    target -= Words.CATEGORY_WEIGHTS[category];
                    category++;
                }
                chosen |= 1 << category;
            }
            for (int category = 0; category < Words.CATEGORIES.length; category++) {
                if ((chosen & (1 << category)) != 0) {
                    out.integer(f).integer(category + 1).timestamp(LAST_UPDATE + 2500);
                    out.endRow();
                    rows++;
                }
            }
        }
        return rows;
    }

    long staff(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long s = from; s < to; s++) {
            check(cancellation, s);
            String first = pick(hash(T_STAFF, s, 0), Words.FIRST_NAMES);
            String last = pick(hash(T_STAFF, s, 1), Words.LAST_NAMES);
            String user = first.toLowerCase(java.util.Locale.ROOT) + "." + last.toLowerCase(java.util.Locale.ROOT);
            out.integer(s)
                    .text(first)
                    .text(last)
                    .integer(1 + pick(hash(T_STAFF, s, 2), addresses))
                    .text(user)
                    .more(s + "@sakilastaff.com")
                    .integer(s / STAFF_PER_STORE)
                    .bool(true)
                    .text(user)
                    .text("8cb2237d0679ca88db6464eac60da96345513964")
                    .timestamp(LAST_UPDATE + 7_000_000)
                    .nul();
            out.endRow();
        }
        return to - from;
    }

    long store(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long s = from; s < to; s++) {
            out.integer(s)
                    .integer(s * STAFF_PER_STORE)
                    .integer(1 + pick(hash(T_STORE, s, 0), addresses))
                    .timestamp(LAST_UPDATE + 1359);
            out.endRow();
        }
        return to - from;
    }

    long actor(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long a = from; a < to; a++) {
            out.integer(a + 1)
                    .text(pick(hash(T_ACTOR, a, 0), Words.FIRST_NAMES))
                    .text(pick(hash(T_ACTOR, a, 1), Words.LAST_NAMES))
                    .timestamp(LAST_UPDATE);
            out.endRow();
        }
        return to - from;
    }

    long city(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        int countries = Words.COUNTRIES.length;
        for (long c = from; c < to; c++) {
            // A few countries hold many cities, as India, China and the United States do in Pagila.
            int rank = (int) (countries * Math.pow(unit(hash(T_CITY, c, 0)), 2.2));
            out.integer(c + 1)
                    .text(name(hash(T_CITY, c, 1), 2 + pick(hash(T_CITY, c, 2), 2)))
                    .integer(1 + (rank * 37 + 43) % countries)
                    .timestamp(LAST_UPDATE + 490);
            out.endRow();
        }
        return to - from;
    }

    long country(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long c = from; c < to; c++) {
            out.integer(c + 1).text(Words.COUNTRIES[(int) c]).timestamp(LAST_UPDATE + 410);
            out.endRow();
        }
        return to - from;
    }

    long category(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long c = from; c < to; c++) {
            out.integer(c + 1).text(Words.CATEGORIES[(int) c]).timestamp(LAST_UPDATE + 1160);
            out.endRow();
        }
        return to - from;
    }

    long language(long from, long to, CopyRows out, Cancellation cancellation) throws IOException {
        for (long l = from; l < to; l++) {
            out.integer(l + 1).text(Words.LANGUAGES[(int) l]).timestamp(LAST_UPDATE + 1400);
            out.endRow();
        }
        return to - from;
    }
}
