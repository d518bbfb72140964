package playground.http;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import playground.data.Csv;
import playground.data.Source;
import playground.data.Uploaded;

/**
 * The learners' own datasets, per session: at most {@link #PER_SESSION} in a session (the least recently used one goes
 * when a new one comes), and at most about {@link #DEFAULT_MAX_BYTES} in all (the least recently used ones go, from any
 * session). A run keeps its data while it lives; dropping an upload only means a new run needs the file again.
 */
final class Uploads {
    static final int PER_SESSION = 4;
    static final long DEFAULT_MAX_BYTES = 64L << 20;
    /** A guess at what an entry costs besides its numbers: the record, the maps, the column names. */
    private static final long OVERHEAD = 1024;

    private record Key(String session, String name) {}

    private record Entry(Uploaded data, long bytes, long seq) {}

    private final long maxBytes;
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
        this.maxBytes = maxBytes;
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
        LinkedHashMap<String, Entry> mine = sessions.computeIfAbsent(session, s -> new LinkedHashMap<>(8, 0.75f, true));
        Entry old = mine.get(csv.name());
        if (old != null) {
            all.get(new Key(session, csv.name())); // touch
            return old.data();
        }
        while (mine.size() >= PER_SESSION) {
            remove(session, mine.keySet().iterator().next());
        }
        Entry e = new Entry(new Uploaded(csv), estimate(csv), uploaded++);
        sessions.put(session, mine); // again, in case the loop above emptied it
        mine.put(csv.name(), e);
        all.put(new Key(session, csv.name()), e);
        bytes += e.bytes();
        // the newest entry stays even when it alone is over the cap (a file's numbers are at most about 24 MB)
        while (bytes > maxBytes && all.size() > 1) {
            Key eldest = all.keySet().iterator().next();
            remove(eldest.session(), eldest.name());
        }
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
