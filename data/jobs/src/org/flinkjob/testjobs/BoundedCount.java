package org.flinkjob.testjobs;

import org.apache.flink.api.common.accumulators.AverageAccumulator;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Bounded job over the numbers 1..1000 that ends FINISHED with the accumulators
 * "records" = 1000 (LongCounter), "sum" = 500500 (LongCounter) and "average" = 500.5
 * (AverageAccumulator).
 *
 * <p>Arguments (all optional): --name NAME (default flinkjob-bounded-count),
 * --count N (default 1000), --delay-ms MS per record (default 0; use it to keep the
 * job running for a while).
 */
public class BoundedCount {
    public static final String DEFAULT_NAME = "flinkjob-bounded-count";

    public static void main(String[] args) throws Exception {
        JobArgs params = new JobArgs(args);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);

        env.fromSequence(1, params.getLong("count", 1000L))
                .uid("bounded-source")
                .name("sequence")
                .map(new Summing(params.getLong("delay-ms", 0L)))
                .uid("bounded-map")
                .name("sum-records")
                .sinkTo(new DiscardingSink<>())
                .uid("bounded-sink")
                .name("discard");

        env.execute(params.get("name", DEFAULT_NAME));
    }

    /** Adds every record to the "records", "sum" and "average" accumulators. */
    static final class Summing extends RichMapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        private final long delayMs;
        private transient LongCounter records;
        private transient LongCounter sum;
        private transient AverageAccumulator average;

        Summing(long delayMs) {
            this.delayMs = delayMs;
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            records = new LongCounter();
            sum = new LongCounter();
            average = new AverageAccumulator();
            getRuntimeContext().addAccumulator("records", records);
            getRuntimeContext().addAccumulator("sum", sum);
            getRuntimeContext().addAccumulator("average", average);
        }

        @Override
        public Long map(Long value) throws Exception {
            if (delayMs > 0) {
                Thread.sleep(delayMs);
            }
            records.add(1L);
            sum.add(value);
            average.add(value.longValue());
            return value;
        }
    }
}
