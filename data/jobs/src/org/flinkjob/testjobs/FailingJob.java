package org.flinkjob.testjobs;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Job that fails: after a few records it throws
 * {@code org.flinkjob.testjobs.FailingJob$ExpectedFailure} with the message
 * "flinkjob test failure". Restarts are disabled, so the job ends FAILED quickly.
 *
 * <p>Arguments (all optional): --name NAME (default flinkjob-failing-job),
 * --after N records before the failure (default 5), --delay-ms MS per record (default 0).
 */
public class FailingJob {
    public static final String DEFAULT_NAME = "flinkjob-failing-job";
    public static final String MESSAGE = "flinkjob test failure";

    /** The exception the job fails with. */
    public static final class ExpectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ExpectedFailure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        JobArgs params = new JobArgs(args);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);

        env.fromSequence(1, Long.MAX_VALUE)
                .uid("failing-source")
                .name("sequence")
                .map(new FailAfter(params.getLong("after", 5L), params.getLong("delay-ms", 0L)))
                .uid("failing-map")
                .name("fail-after")
                .sinkTo(new DiscardingSink<>())
                .uid("failing-sink")
                .name("discard");

        env.execute(params.get("name", DEFAULT_NAME));
    }

    /** Passes records through and throws ExpectedFailure once it has seen "after" of them. */
    static final class FailAfter implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        private final long after;
        private final long delayMs;
        private long seen;

        FailAfter(long after, long delayMs) {
            this.after = after;
            this.delayMs = delayMs;
        }

        @Override
        public Long map(Long value) throws Exception {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            if (++seen > after) {
                throw new ExpectedFailure(MESSAGE);
            }
            return value;
        }
    }
}
