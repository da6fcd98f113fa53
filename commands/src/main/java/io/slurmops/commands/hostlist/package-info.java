/**
 * Slurm hostlists as an ordered set of host names: {@code Hostlist.parse("rack[1-2]-node[01-04]").hosts()}
 * expands, {@code Hostlist.compress(hosts)} folds. Both throw {@link io.slurmops.commands.hostlist.HostlistException}
 * with a message that can be shown to the user as it is.
 *
 * <p>Decisions, each tested against {@code scontrol} 22.05.8 (SlurmHostlistConformanceTest):
 * <ul>
 *   <li><b>Input</b> follows Slurm's hostlist.c: width is the length of {@code lo}, the padding of
 *       {@code hi} is ignored, bracket groups form a cartesian product, and text after the last bracket is
 *       a suffix (Slurm 23.02.5+; 22.05 rejects it). Stricter than Slurm: {@code n[1-]}, whitespace or
 *       '+' in brackets, numbers over 18 digits, names with characters outside {@code [A-Za-z0-9._-]} or
 *       starting with '-', and more than 65 536 hosts in total (configurable). A newline separates
 *       tokens here; Slurm keeps it inside a name.</li>
 *   <li><b>Order</b> ({@link io.slurmops.commands.hostlist.HostNameOrder}): text runs as text, digit runs
 *       by value, on equal values the less padded first: {@code n1 < n01 < n2 < n9 < n010 < n11}.</li>
 *   <li><b>Output</b> ({@code HostlistCompressor}) reads back as the same set in Slurm 22.05 and in
 *       ClusterShell: padded and unpadded numbers never share a range, a padded range never outgrows
 *       its width, no text after the last bracket, no steps.</li>
 * </ul>
 */
package io.slurmops.commands.hostlist;
