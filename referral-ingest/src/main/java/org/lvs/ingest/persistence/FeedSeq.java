package org.lvs.ingest.persistence;

/** One feed number a source's record carried. */
public record FeedSeq(String source, long seq) {}
