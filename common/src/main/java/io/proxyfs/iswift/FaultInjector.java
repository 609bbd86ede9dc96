package io.proxyfs.iswift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The emulator's active {@link FaultRule}s, in the order added; the first rule that fires
 * decides a request's fate. Each rule counts the requests it matched and fired on, so tests can
 * assert how many attempts a client made.
 *
 * <p>Thread-safe: rules are added and removed under copy-on-write; each rule's counters and
 * random generator are guarded by the rule's own handle.
 */
public final class FaultInjector {
    private final List<Handle> rules = new CopyOnWriteArrayList<>();

    /** Activates a rule and returns the handle that reports its counters and can remove it. */
    public Handle add(FaultRule rule) {
        Handle h = new Handle(rule);
        rules.add(h);
        return h;
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    /** Snapshot of the active rules. */
    public List<Handle> rules() {
        return new ArrayList<>(rules);
    }

    /** Counts the request against every matching rule and returns the first that fires. */
    Optional<FaultRule> onRequest(String method, String path) {
        FaultRule fired = null;
        for (Handle h : rules) {
            if (h.rule.matches(method, path) && h.tryFire(fired == null) && fired == null) {
                fired = h.rule;
            }
        }
        return Optional.ofNullable(fired);
    }

    /** One active rule with its counters. Thread-safe. */
    public final class Handle {
        private final FaultRule rule;
        private final Random random;
        private int matched; // guarded by this
        private int fired; // guarded by this

        private Handle(FaultRule rule) {
            this.rule = rule;
            this.random = new Random(rule.seed());
        }

        private synchronized boolean tryFire(boolean mayFire) {
            matched++;
            if (!mayFire || (rule.count() >= 0 && fired >= rule.count())) {
                return false;
            }
            if (rule.fraction() < 1 && random.nextDouble() >= rule.fraction()) {
                return false;
            }
            fired++;
            return true;
        }

        /** The rule. */
        public FaultRule rule() {
            return rule;
        }

        /** How many requests matched the rule, whether or not it fired. */
        public synchronized int matched() {
            return matched;
        }

        /** How many requests the rule was applied to. */
        public synchronized int fired() {
            return fired;
        }

        /** Deactivates the rule. */
        public void remove() {
            rules.remove(this);
        }
    }
}
