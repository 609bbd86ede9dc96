/**
 * imgr's side of ickpt: {@link io.proxyfs.ickptclient.IckptQuorum} keeps a volume's checkpoint
 * strictly consistent on N ickpt instances (1, 3, 5, ...) with majority quorums — a write stages
 * on every reachable instance, commits once a majority staged, and is durable only when a
 * majority committed; a read asks every instance, needs a majority of answers, takes the newest
 * checkpoint (by ReservedToNonce and superblock object number) and brings lagging instances up to
 * date. {@link io.proxyfs.ickptclient.IckptInstance} is one instance's HTTP protocol (stage,
 * commit, get, health). Failures are {@link io.proxyfs.ickptclient.IckptException}s that say how
 * many instances answered what. Everything here is thread-safe.
 */
package io.proxyfs.ickptclient;
