package playground.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import playground.data.Csv;
import playground.data.Source;
import playground.data.Uploaded;
import playground.training.BusyException;
import playground.training.Runs;

/**
 * The learners' own datasets, per session: at most {@link #PER_SESSION} in a session (the least recently used one goes
 * when a new one comes), at most half of {@link #DEFAULT_MAX_BYTES} from one address (as the server sets it), and at
 * most about that in all:
 * the least recently used ones go, from any session whose visitor is not active (see {@link Runs#active}); when only
 * active visitors' data is left, a new upload is refused (busy) rather than take theirs. A run keeps its data while it
 * lives; dropping an upload only means a new run needs the file again.
 */
final class Uploads {
    static final int PER_SESSION = 4;
    static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** A guess at what an entry costs besides its numbers: the record, the maps, the column names. */
    private static final long OVERHEAD = 1024;

    private record Key(String session, String name) {}

    private record Entry(Uploaded data, long bytes, long seq, String address) {}

    private final long maxBytes;
    private final long maxPerAddress;
    private final Predicate<String> active;
    /** Every entry, least recently used first. */
    private final LinkedHashMap<Key, Entry> all = new LinkedHashMap<>(16, 0.75f, true);
    /** Each session's names, least recently used first. */
    private final Map<String, LinkedHashMap<String, Entry>> sessions = new HashMap<>();

    private long bytes;
    private long uploaded;

    Uploads() {
        this(DEFAULT_MAX_BYTES);
    }

    Uploads(long maxBytes) {
        this(maxBytes, maxBytes, session -> false);
    }

    /**
     * At most {@code maxBytes} in all and {@code maxPerAddress} from one address; {@code active} tells whether a
     * session's visitor is active now: its data is then not dropped for others.
     */
    Uploads(long maxBytes, long maxPerAddress, Predicate<String> active) {
        this.maxBytes = maxBytes;
        this.maxPerAddress = maxPerAddress;
        this.active = active;
    }

    /** The session's dataset of this name, or null; finding it counts as a use. */
    synchronized Source find(String session, String name) {
        if (session == null || name == null) return null;
        LinkedHashMap<String, Entry> mine = sessions.get(session);
        Entry e = mine == null ? null : mine.get(name);
        if (e == null) return null;
        all.get(new Key(session, name)); // touch
        return e.data();
    }

    /** Keeps the file in the session; the same name again is the same entry. */
    synchronized Uploaded put(String session, Csv csv) {
        return put(session, Runs.LOCAL, csv);
    }

    /**
     * As above, from a visitor at this address.
     *
     * @throws BusyException when the store holds only active visitors' data, or the address's share is full of them
     */
    synchronized Uploaded put(String session, String address, Csv csv) {
        LinkedHashMap<String, Entry> mine = sessions.get(session);
        Entry old = mine == null ? null : mine.get(csv.name());
        if (old != null) {
            all.get(new Key(session, csv.name())); // touch
            return old.data();
        }
        long size = estimate(csv);
        // room first, before anything goes: what may go is the session's own oldest (over its count), and the data of
        // visitors who are not active, least recently used first (the address's own, when over its share)
        List<Key> drop = new ArrayList<>();
        if (mine != null && mine.size() >= PER_SESSION) {
            for (String name : mine.keySet()) {
                if (mine.size() - drop.size() < PER_SESSION) break;
                drop.add(new Key(session, name));
            }
        }
        long fromAddress = all.values().stream()
                .filter(e -> e.address().equals(address))
                .mapToLong(Entry::bytes)
                .sum();
        long freed = drop.stream().mapToLong(k -> all.get(k).bytes()).sum();
        fromAddress -= drop.stream()
                .filter(k -> all.get(k).address().equals(address))
                .mapToLong(k -> all.get(k).bytes())
                .sum();
        for (Map.Entry<Key, Entry> e : all.entrySet()) {
            if (fromAddress + size <= maxPerAddress || all.size() == drop.size()) break;
            if (drop.contains(e.getKey()) || !e.getValue().address().equals(address)) continue;
            if (!e.getKey().session().equals(session) && active.test(e.getKey().session())) continue;
            drop.add(e.getKey());
            freed += e.getValue().bytes();
            fromAddress -= e.getValue().bytes();
        }
        for (Map.Entry<Key, Entry> e : all.entrySet()) {
            // the newest entry may stay alone over the cap (a file's numbers are at most about 24 MB)
            if (bytes - freed + size <= maxBytes || all.size() == drop.size()) break;
            if (drop.contains(e.getKey())) continue;
            if (!e.getKey().session().equals(session) && active.test(e.getKey().session())) continue;
            drop.add(e.getKey());
            freed += e.getValue().bytes();
        }
        boolean aloneOver = all.size() == drop.size();
        if (!aloneOver && (fromAddress + size > maxPerAddress || bytes - freed + size > maxBytes)) {
            throw new BusyException("The store for uploaded data is full of data that other visitors are using now."
                    + " Please try again in a few minutes, or use a smaller file.");
        }
        for (Key k : drop) remove(k.session(), k.name());
        mine = sessions.computeIfAbsent(session, k -> new LinkedHashMap<>(8, 0.75f, true));
        Entry e = new Entry(new Uploaded(csv), size, uploaded++, address);
        mine.put(csv.name(), e);
        all.put(new Key(session, csv.name()), e);
        bytes += e.bytes();
        return e.data();
    }

    /** The session's datasets in the order they were uploaded (none for a null session); listing is not a use. */
    synchronized List<Source> list(String session) {
        LinkedHashMap<String, Entry> mine = session == null ? null : sessions.get(session);
        if (mine == null) return List.of();
        return mine.values().stream()
                .sorted(Comparator.comparingLong(Entry::seq))
                .map(e -> (Source) e.data())
                .toList();
    }

    /** Config.parse's way to find a learner's own dataset by name in this session (null session: none). */
    Function<String, Source> resolver(String session) {
        return name -> find(session, name);
    }

    /** How many datasets are kept, in all sessions. */
    synchronized int count() {
        return all.size();
    }

    /** The estimated memory of all kept datasets, in bytes. */
    synchronized long bytes() {
        return bytes;
    }

    private void remove(String session, String name) {
        Entry e = all.remove(new Key(session, name));
        LinkedHashMap<String, Entry> mine = sessions.get(session);
        if (mine != null) {
            mine.remove(name);
            if (mine.isEmpty()) sessions.remove(session);
        }
        if (e != null) bytes -= e.bytes();
    }

    /** 8 bytes a number, and a little for the rest. */
    static long estimate(Csv csv) {
        long values = (long) csv.samples().x().length + csv.samples().t().length;
        long names = 0;
        for (String n : csv.inputs()) names += 48 + 2L * n.length();
        for (String n : csv.targets()) names += 48 + 2L * n.length();
        return 8 * values + names + OVERHEAD;
    }
}
