/**
 * ickpt: the strictly consistent checkpoint store (issue 17). Swift is eventually consistent and
 * a volume's checkpoint (object 0) is the one object it overwrites; ickpt keeps each volume's
 * checkpoint in RocksDB with synced writes, and imgr keeps it on a majority of N instances
 * ({@code io.proxyfs.ickptclient.IckptQuorum}).
 *
 * <p>Sample config ({@code ickpt/dev.conf}; run {@code ickpt/ickpt ickpt/dev.conf [Section.Key=value ...]}):
 * <pre>
 * [ICKPT]
 * IPAddr:                  127.0.0.1
 * Port:                    33123
 * CertFilePath:                        # all three empty: HTTP; all three set: HTTPS
 * KeyFilePath:
 * CACertFilePath:
 * DataBasePath:            /tmp/ickptDB  # created if missing
 * SwiftRetryDelay:         100ms       # the authorization GETs at Swift
 * SwiftRetryExpBackoff:    2
 * SwiftRetryLimit:         4
 * SwiftTimeout:            10m
 * SwiftConnectionPoolSize: 128
 * TransactionTimeout:      10s         # an uncommitted stage expires after this
 * LogFilePath:
 * LogToConsole:            true
 * TraceEnabled:            false
 * </pre>
 *
 * <p>Endpoints (every protocol request but HEAD carries {@code X-Storage-Url}, the URL of the
 * volume's object 0, and {@code X-Auth-Token}, checked by a GET of that URL at Swift):
 * {@code PUT /<txn>} stage a checkpoint (204; 409 if older than the committed one),
 * {@code DELETE /<txn>} stage its removal (204), {@code POST /<txn>} commit (204; 404 if nothing
 * is staged), {@code GET /} the committed checkpoint or Swift's (200; 404), {@code HEAD /} 204
 * while healthy; status: {@code GET /version}, {@code /config}, {@code /stats}, {@code /metrics},
 * {@code /status} (HTML). Bad input: a 4xx with a one-line reason, nothing changed.
 *
 * <p>Classes: {@link io.proxyfs.ickpt.Main} (thin entry point), {@link io.proxyfs.ickpt.Ickpt}
 * (the facade: start order and stop order), {@link io.proxyfs.ickpt.IckptConfig} (the section),
 * {@code CheckPointStore} (RocksDB), {@code Transactions} (stages and their expiry),
 * {@code CheckPointOrder} (the 409 rule), {@code SwiftAuthorizer}, {@code CheckPointProtocol}
 * (the endpoints), {@code IckptMetrics}. Each states its own thread-safety.
 */
package io.proxyfs.ickpt;
