package io.classcord.storage.sqlite;

/**
 * Totals of the message writer since the store opened.
 *
 * @param commits         transactions committed
 * @param messages        messages stored by them
 * @param failedCommits   transactions that failed (their messages were reported as not stored)
 * @param largestBatch    most messages in one committed transaction
 */
public record WriterStats(long commits, long messages, long failedCommits, int largestBatch) {

    public double averageBatch() {
        return commits == 0 ? 0 : (double) messages / commits;
    }
}
