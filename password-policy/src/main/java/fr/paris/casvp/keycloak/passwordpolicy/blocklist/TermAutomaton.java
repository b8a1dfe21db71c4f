package fr.paris.casvp.keycloak.passwordpolicy.blocklist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An exact, read-only set of terms stored as a minimal acyclic automaton (a DAFSA: terms
 * that share a beginning share states, and so do terms that share an ending: "soleil",
 * "soleils", "pareil", "pareils"...) serialised into one byte array. It answers "is this a
 * term?", "which terms start here?" and "what is within one edit?" by walking arcs, with
 * no hashing and no false positives, in 2.3 to 2.9 bytes per term for the shipped lists
 * (a Guava Bloom filter at 1 in 10 000 false positives takes 2.4).
 *
 * <h2>Byte layout</h2>
 * States are written children first (post-order). The bytes of each state are appended in
 * reverse, and a state is read backwards from its address (its last byte), so that after
 * reading all its arcs the reader stands on the address of the state written just before
 * it. Each arc, in reading order:
 * <ul>
 * <li>a header byte: bits 0–4 the label code (an index into {@link #labels}, or
 * {@value #ESCAPE}: the code point follows as a varint), bit 5 "last arc of the state",
 * bits 6–7 the kind: {@value #KIND_POINTER} target pointer follows, {@value #KIND_NEXT}
 * target is the state written just before this one, {@value #KIND_FINAL_SINK} a term ends
 * here and nothing follows, {@value #KIND_FINAL_POINTER} a term ends here and a target
 * pointer follows;</li>
 * <li>the pointer, a varint v: even, the target lies v/2 bytes below the byte that follows
 * the pointer (so a walk never has to read the rest of the state); odd, the target is
 * {@link #hotStates}[v/2] (the most shared states, such as common endings, get a one- or
 * two-byte index instead of a three-byte distance).</li>
 * </ul>
 * Arcs of a state are sorted by code point. The root's arcs for ASCII labels are also kept
 * in a small table, since every walk starts there.
 *
 * <p>Walking: {@link #follow} returns an <em>arc result</em> that packs the target state and
 * whether a term ends on that arc ({@link #target}, {@link #endsTerm}); the sink (no arcs) is
 * target {@code -1}, on which {@link #follow} finds nothing. Immutable and thread-safe.
 */
final class TermAutomaton {

    /** {@link #follow}: no arc with that label. */
    static final int NO_ARC = -1;

    private static final int CODE_MASK = 0x1F;
    private static final int ESCAPE = 31;
    private static final int LAST = 0x20;
    private static final int KIND_SHIFT = 6;
    private static final int KIND_POINTER = 0;
    private static final int KIND_NEXT = 1;
    private static final int KIND_FINAL_SINK = 2;
    private static final int KIND_FINAL_POINTER = 3;
    private static final int MAX_HOT_STATES = 256;
    private static final int MIN_HOT_REFERENCES = 3;
    /** Keeps arc results, which hold an address shifted by one bit, positive. */
    private static final int MAX_BYTES = 1 << 29;
    private static final int ROOT_TABLE_SIZE = 128;

    private final byte[] bytes;
    private final int[] labels;
    private final int[] hotStates;
    private final int root;
    private final int size;
    private final int maxLength;
    private final int maxArcs;
    /** Arc results of the root state for ASCII labels: every walk starts there. */
    private final int[] rootArcs = new int[ROOT_TABLE_SIZE];

    private TermAutomaton(byte[] bytes, int[] labels, int[] hotStates, int root, int size, int maxLength,
                          int maxArcs) {
        this.bytes = bytes;
        this.labels = labels;
        this.hotStates = hotStates;
        this.root = root;
        this.size = size;
        this.maxLength = maxLength;
        this.maxArcs = maxArcs;
        Arrays.fill(rootArcs, NO_ARC);
        int[] arcLabels = new int[maxArcs];
        int[] arcResults = new int[maxArcs];
        int count = arcs(root, arcLabels, arcResults);
        for (int i = 0; i < count; i++) {
            if (arcLabels[i] < ROOT_TABLE_SIZE) {
                rootArcs[arcLabels[i]] = arcResults[i];
            }
        }
    }

    /** The automaton of {@code terms} (any order, duplicates allowed, empty terms ignored). */
    static TermAutomaton of(Collection<String> terms) {
        List<int[]> words = new ArrayList<>(terms.size());
        for (String term : terms) {
            if (!term.isEmpty()) {
                words.add(term.codePoints().toArray());
            }
        }
        words.sort(Arrays::compare);
        return new Builder().build(words);
    }

    /** The start state; {@code -1} (nothing to follow) when there are no terms. */
    int root() {
        return root;
    }

    /** Number of terms. */
    int size() {
        return size;
    }

    /** Length of the longest term, in code points. */
    int maxLength() {
        return maxLength;
    }

    /** The largest number of arcs leaving one state: enough room for {@link #arcs}. */
    int maxArcs() {
        return maxArcs;
    }

    /** Whether {@code term} is one of the terms, exactly. */
    boolean contains(CharSequence term) {
        int state = root;
        int result = NO_ARC;
        for (int i = 0; i < term.length(); ) {
            int c = Character.codePointAt(term, i);
            i += Character.charCount(c);
            result = follow(state, c);
            if (result == NO_ARC) {
                return false;
            }
            state = target(result);
        }
        return result != NO_ARC && endsTerm(result);
    }

    /** The arc labelled {@code c} leaving {@code state}, as an arc result, or {@link #NO_ARC}. */
    int follow(int state, int c) {
        if (state < 0) {
            return NO_ARC;
        }
        if (state == root && c >= 0 && c < ROOT_TABLE_SIZE) {
            return rootArcs[c];
        }
        int pos = state;
        boolean last;
        do {
            int header = bytes[pos--] & 0xFF;
            last = (header & LAST) != 0;
            long labelRead = readLabel(header, pos);
            long pointerRead = readPointer(header, (int) labelRead);
            pos = (int) pointerRead;
            int label = (int) (labelRead >>> 32);
            if (label == c) {
                int kind = header >>> KIND_SHIFT;
                return kind == KIND_NEXT ? result(kind, 0, skipToEnd(pos, last))
                        : result(kind, (int) (pointerRead >>> 32), pos);
            }
            if (label > c) {
                return NO_ARC; // arcs are sorted: c is not there
            }
        } while (!last);
        return NO_ARC;
    }

    /**
     * Every arc leaving {@code state}: labels into {@code labelsOut}, arc results into
     * {@code resultsOut} (both at least {@link #maxArcs} long); returns how many.
     */
    int arcs(int state, int[] labelsOut, int[] resultsOut) {
        if (state < 0) {
            return 0;
        }
        int pos = state;
        int count = 0;
        int next = -1;
        boolean last;
        do {
            int header = bytes[pos--] & 0xFF;
            last = (header & LAST) != 0;
            long labelRead = readLabel(header, pos);
            long pointerRead = readPointer(header, (int) labelRead);
            pos = (int) pointerRead;
            labelsOut[count] = (int) (labelRead >>> 32);
            int kind = header >>> KIND_SHIFT;
            if (kind == KIND_NEXT) {
                next = count; // its target is known once the whole state is read
            }
            resultsOut[count++] = result(kind, (int) (pointerRead >>> 32), pos);
        } while (!last);
        if (next >= 0) {
            resultsOut[next] = result(KIND_NEXT, 0, pos);
        }
        return count;
    }

    /** The position just below the state whose arcs are being read, from {@code pos}. */
    private int skipToEnd(int pos, boolean last) {
        while (!last) {
            int header = bytes[pos--] & 0xFF;
            last = (header & LAST) != 0;
            pos = (int) readPointer(header, (int) readLabel(header, pos));
        }
        return pos;
    }

    /**
     * The label of the arc whose {@code header} was just read, the rest of the arc starting at
     * {@code pos}: packed as by {@link #readVarint}, label in the high half.
     */
    private long readLabel(int header, int pos) {
        return (header & CODE_MASK) == ESCAPE ? readVarint(pos)
                : (long) labels[header & CODE_MASK] << 32 | (pos & 0xFFFFFFFFL);
    }

    /** The arc's pointer, read from {@code pos} after its label (0 for a kind without one), packed likewise. */
    private long readPointer(int header, int pos) {
        int kind = header >>> KIND_SHIFT;
        return kind == KIND_POINTER || kind == KIND_FINAL_POINTER ? readVarint(pos) : pos & 0xFFFFFFFFL;
    }

    /** The state an arc result leads to ({@code -1}: the sink, which has no arcs). */
    static int target(int arcResult) {
        return (arcResult >>> 1) - 1;
    }

    /** Whether a term ends on the arc. */
    static boolean endsTerm(int arcResult) {
        return (arcResult & 1) != 0;
    }

    /**
     * Heap taken by this set on a 64-bit JVM with compressed references (12-byte object
     * headers, 16-byte array headers, 8-byte alignment): the object and its four arrays.
     */
    long retainedBytes() {
        return align(12 + 8 * 4) + arrayBytes(bytes.length, 1) + arrayBytes(labels.length, 4)
                + arrayBytes(hotStates.length, 4) + arrayBytes(rootArcs.length, 4);
    }

    static long arrayBytes(long length, int elementSize) {
        return align(16 + length * elementSize);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /**
     * The arc result of an arc of {@code kind}: {@code pos} is the position just below the
     * arc's pointer or, for {@link #KIND_NEXT}, just below the whole state (which is the
     * address of the state written before it).
     */
    private int result(int kind, int pointer, int pos) {
        int target;
        switch (kind) {
            case KIND_NEXT -> target = pos;
            case KIND_FINAL_SINK -> target = -1;
            default -> target = (pointer & 1) != 0 ? hotStates[pointer >>> 1] : pos - (pointer >>> 1);
        }
        boolean ends = kind == KIND_FINAL_SINK || kind == KIND_FINAL_POINTER;
        return (target + 1) << 1 | (ends ? 1 : 0);
    }

    /** A varint read downwards from {@code pos}: value in the high half, next position in the low half. */
    private long readVarint(int pos) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = bytes[pos--];
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return (long) value << 32 | (pos & 0xFFFFFFFFL);
    }

    /**
     * Minimal automaton from sorted, distinct words (Daciuk, Mihov, Watson and Watson 2000,
     * "Incremental construction of minimal acyclic finite-state automata"), then serialised.
     */
    private static final class Builder {

        private final Map<Node, Node> register = new HashMap<>(1 << 16);
        private final List<Node> path = new ArrayList<>();
        private int nextId;

        TermAutomaton build(List<int[]> sortedWords) {
            Node start = new Node();
            path.add(start);
            int[] previous = new int[0];
            int count = 0;
            int maxLength = 0;
            for (int[] word : sortedWords) {
                if (Arrays.equals(word, previous)) {
                    continue;
                }
                int common = Arrays.mismatch(word, previous);
                common = common < 0 ? word.length : Math.min(common, Math.min(word.length, previous.length));
                minimiseDownTo(common);
                Node node = path.get(common);
                for (int i = common; i < word.length; i++) {
                    Node child = new Node();
                    node.add(word[i], child);
                    path.add(child);
                    node = child;
                }
                node.terminal = true;
                previous = word;
                count++;
                maxLength = Math.max(maxLength, word.length);
            }
            minimiseDownTo(0);
            return serialise(start, count, maxLength);
        }

        /** Replaces each node deeper than {@code depth} on the last word's path by its registered twin. */
        private void minimiseDownTo(int depth) {
            for (int i = path.size() - 1; i > depth; i--) {
                Node child = path.remove(i);
                Node parent = path.get(i - 1);
                Node twin = register.get(child);
                if (twin != null) {
                    parent.targets[parent.count - 1] = twin;
                } else {
                    child.id = nextId++;
                    register.put(child, child);
                }
            }
        }

        private static TermAutomaton serialise(Node start, int count, int maxLength) {
            if (start.count == 0) {
                return new TermAutomaton(new byte[0], new int[0], new int[0], -1, 0, 0, 0);
            }
            List<Node> order = postOrder(start);
            // Label codes: the 31 most frequent labels get a code, the rest are escaped.
            Map<Integer, Integer> labelUse = new HashMap<>();
            List<Node> referenced = new ArrayList<>();
            int maxArcs = 0;
            for (Node node : order) {
                maxArcs = Math.max(maxArcs, node.count);
                for (int i = 0; i < node.count; i++) {
                    labelUse.merge(node.labels[i], 1, Integer::sum);
                    Node target = node.targets[i];
                    if (target.count > 0 && target.references++ == MIN_HOT_REFERENCES - 1) {
                        referenced.add(target);
                    }
                }
            }
            int[] labels = labelUse.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(ESCAPE).mapToInt(Map.Entry::getKey).toArray();
            Map<Integer, Integer> codes = new HashMap<>();
            for (int i = 0; i < labels.length; i++) {
                codes.put(labels[i], i);
            }
            // The most referenced states get a small index instead of a distance.
            referenced.sort(Comparator.comparingInt((Node n) -> -n.references).thenComparingInt(n -> n.id));
            List<Node> hot = referenced.subList(0, Math.min(MAX_HOT_STATES, referenced.size()));
            for (int i = 0; i < hot.size(); i++) {
                hot.get(i).hotIndex = i;
            }

            ByteSink out = new ByteSink();
            ByteSink state = new ByteSink();
            ByteSink[] arcBytes = new ByteSink[maxArcs];
            Arrays.setAll(arcBytes, i -> new ByteSink());
            Node previous = null;
            for (Node node : order) {
                if (node.count == 0) {
                    continue; // the sink: reached through KIND_FINAL_SINK arcs, never written
                }
                int base = out.size();
                // Last arc first: an arc's pointer counts from the bytes of the arcs read after it.
                int later = 0;
                for (int i = node.count - 1; i >= 0; i--) {
                    ByteSink arc = arcBytes[i];
                    arc.clear();
                    Node target = node.targets[i];
                    boolean ends = target.terminal;
                    int kind;
                    if (target.count == 0) {
                        kind = KIND_FINAL_SINK;
                    } else if (target == previous && !ends) {
                        kind = KIND_NEXT;
                    } else {
                        kind = ends ? KIND_FINAL_POINTER : KIND_POINTER;
                    }
                    Integer code = codes.get(node.labels[i]);
                    arc.add((code == null ? ESCAPE : code) | (i == node.count - 1 ? LAST : 0) | kind << KIND_SHIFT);
                    if (code == null) {
                        arc.addVarint(node.labels[i]);
                    }
                    if (kind == KIND_POINTER || kind == KIND_FINAL_POINTER) {
                        int byDistance = (base + later - 1 - target.address) << 1;
                        int byIndex = target.hotIndex < 0 ? Integer.MAX_VALUE : target.hotIndex << 1 | 1;
                        arc.addVarint(ByteSink.varintLength(byIndex) < ByteSink.varintLength(byDistance)
                                ? byIndex : byDistance);
                    }
                    later += arc.size();
                }
                state.clear();
                for (int i = 0; i < node.count; i++) {
                    state.addAll(arcBytes[i]);
                }
                out.addReversed(state);
                node.address = out.size() - 1;
                if (node.address >= MAX_BYTES) {
                    throw new IllegalArgumentException("word list too large for one automaton");
                }
                previous = node;
            }
            int[] hotStates = hot.stream().mapToInt(n -> n.address).toArray();
            return new TermAutomaton(out.toArray(), labels, hotStates, start.address, count, maxLength, maxArcs);
        }

        /** Every state once, children before parents, children in label order. */
        private static List<Node> postOrder(Node start) {
            List<Node> order = new ArrayList<>();
            Node[] nodes = new Node[16];
            int[] nextChild = new int[16];
            int depth = 0;
            nodes[0] = start;
            start.visited = true;
            while (depth >= 0) {
                Node node = nodes[depth];
                int i = nextChild[depth];
                if (i < node.count) {
                    nextChild[depth] = i + 1;
                    Node child = node.targets[i];
                    if (!child.visited) {
                        child.visited = true;
                        if (++depth == nodes.length) {
                            nodes = Arrays.copyOf(nodes, depth * 2);
                            nextChild = Arrays.copyOf(nextChild, depth * 2);
                        }
                        nodes[depth] = child;
                        nextChild[depth] = 0;
                    }
                } else {
                    order.add(node);
                    depth--;
                }
            }
            return order;
        }
    }

    /** A state while building; equal to another when it has the same finality and the same arcs. */
    private static final class Node {
        private static final int[] NO_LABELS = new int[0];
        private static final Node[] NO_TARGETS = new Node[0];

        int[] labels = NO_LABELS;
        Node[] targets = NO_TARGETS;
        int count;
        boolean terminal;
        int id = -1;
        int address = -1;
        int references;
        int hotIndex = -1;
        boolean visited;

        void add(int label, Node target) {
            if (count == labels.length) {
                int capacity = Math.max(2, count * 2);
                labels = Arrays.copyOf(labels, capacity);
                targets = Arrays.copyOf(targets, capacity);
            }
            labels[count] = label;
            targets[count++] = target;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Node)) {
                return false;
            }
            Node that = (Node) other;
            if (terminal != that.terminal || count != that.count) {
                return false;
            }
            for (int i = 0; i < count; i++) {
                if (labels[i] != that.labels[i] || targets[i] != that.targets[i]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = terminal ? 1 : 0;
            for (int i = 0; i < count; i++) {
                hash = 31 * (31 * hash + labels[i]) + targets[i].id;
            }
            return hash;
        }
    }

    /** A growable byte array. */
    private static final class ByteSink {
        private byte[] data = new byte[64];
        private int size;

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        void add(int b) {
            if (size == data.length) {
                data = Arrays.copyOf(data, data.length * 2);
            }
            data[size++] = (byte) b;
        }

        void addVarint(int value) {
            while ((value & ~0x7F) != 0) {
                add(value & 0x7F | 0x80);
                value >>>= 7;
            }
            add(value);
        }

        void addAll(ByteSink other) {
            for (int i = 0; i < other.size; i++) {
                add(other.data[i]);
            }
        }

        void addReversed(ByteSink other) {
            for (int i = other.size - 1; i >= 0; i--) {
                add(other.data[i]);
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(data, size);
        }

        static int varintLength(int value) {
            int length = 1;
            while ((value & ~0x7F) != 0) {
                value >>>= 7;
                length++;
            }
            return length;
        }
    }
}
