/**
 * imgr's lease manager: which mount may read or write which inode.
 *
 * <p>One {@link io.proxyfs.imgr.lease.LeaseManager} serves one volume. It keeps one lease object per
 * inode that some mount holds or waits for (the state machine of the original's {@code lease.go}),
 * and per mount the requests that mount has made. A grant counts as recent for MinLeaseDuration;
 * conflicting requests wait in FIFO order until then, after which the holders in the way get Demote
 * or Release interrupts, resent every LeaseInterruptInterval. A holder that ignores
 * LeaseInterruptLimit interrupts loses the lease, and its whole mount is expired: all its leases are
 * taken away, its further requests are DENIED, and the {@link io.proxyfs.imgr.lease.MountExpirer} is
 * told once. Above LeaseEvictHighLimit active lease objects, the least recently used are evicted
 * down to LeaseEvictLowLimit; an evicted holder that does not answer is dropped without expiring its
 * mount. A lease object that nobody holds or waits for is dropped at once.
 *
 * <p>Fairness: a Shared request is granted at once only while nobody waits and no promotion is
 * pending; otherwise it queues like any other request, so a stream of readers cannot starve a
 * writer. When the last request that holders were interrupted for is withdrawn (its mount unmounts),
 * the holders keep their leases.
 *
 * <h2>Concurrency</h2>
 *
 * <ul>
 *   <li>All lease state of a manager is guarded by one {@link java.util.concurrent.locks.ReentrantLock}
 *       (the original uses one global mutex). Steps are short: no I/O and no waiting happen under it.
 *   <li>Three kinds of thread enter the manager: RPC threads ({@code request}, {@code mayRead},
 *       {@code mayWrite}, {@code releaseAll}, {@code snapshot}, {@code close}), and the
 *       {@link io.proxyfs.imgr.lease.LeaseClock}'s timer threads (end of MinLeaseDuration, interrupt
 *       resends). Each takes the lock, runs one step of the state machine, and records its effects in
 *       an {@code Outcome}.
 *   <li>Effects run after the lock is released, in this order: replies are completed (so the RPC
 *       thread blocked on its future continues), interrupts are handed to the
 *       {@link io.proxyfs.imgr.lease.InterruptSender}, and expired mounts are reported to the
 *       {@link io.proxyfs.imgr.lease.MountExpirer}. Callbacks may therefore call back into the
 *       manager without deadlock. Between two steps another thread may run its own step, so an
 *       interrupt can arrive after the lease it concerns was already released; clients treat such an
 *       interrupt as a no-op (the original has the same race).
 *   <li>Timers are scheduled and cancelled under the lock, which is why
 *       {@link io.proxyfs.imgr.lease.LeaseClock#schedule} must not block or run the task inline. A
 *       timer task that was cancelled too late to stop finds itself no longer current and does
 *       nothing.
 *   <li>The state machine reports an impossible transition with a
 *       {@link io.proxyfs.imgr.lease.LeaseStateException}; the process never exits.
 * </ul>
 */
package io.proxyfs.imgr.lease;
