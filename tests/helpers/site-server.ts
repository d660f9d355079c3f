/** The loopback site server lives with the benchmarks (the demo and bench:pipeline use it too). */
export * from '../../bench/lib/site-server.js';
