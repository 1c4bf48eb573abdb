package dev.hourglass.samples.microraft;

import java.util.List;

/**
 * Bugs planted in the adapter — never in MicroRaft — that a correct harness must catch, so a
 * passing campaign means something:
 *
 * <ul>
 *   <li>{@code eventual-reads}: gets use MicroRaft's {@code EVENTUAL_CONSISTENCY} query policy,
 *       answered from whichever server the client asked, stale or not: not linearizable;
 *   <li>{@code lying-fsync}: the store lets messages and replies out before the data they reveal
 *       is on disk (a {@code flush()} that returns early): a crash then loses acknowledged writes
 *       or votes.
 * </ul>
 */
record MicroRaftBugs(boolean eventualReads, boolean lyingFsync) {
  static final String EVENTUAL_READS = "eventual-reads";
  static final String LYING_FSYNC = "lying-fsync";
  static final List<String> ALL = List.of(EVENTUAL_READS, LYING_FSYNC);
}
