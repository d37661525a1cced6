/**
 * The contact graph of an investigation's phone records held in arrays (compressed sparse rows), and the
 * algorithms the analyses run on it: shortest paths searched from both ends, PageRank, sampled betweenness,
 * Louvain communities and k-cores. No Spring, no database: the benchmarks run them against JGraphT as they are.
 */
package org.rastro.phones.graph;
