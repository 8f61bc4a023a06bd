package org.flinkjob.testjobs;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import java.util.Collections;

/**
 * Unbounded streaming job for savepoint / stop / cancel tests.
 *
 * <p>Counts records in a LongCounter accumulator named "records". The count is kept in
 * operator state too, so a job restored from a savepoint starts its accumulator at the
 * count of the savepoint and reports "records" >= the value it had then.
 *
 * <p>Arguments (all optional): --name NAME (default flinkjob-counter-stream),
 * --parallelism N (default 1), --rate RECORDS_PER_SECOND (default 200),
 * --checkpoint-interval MS (default 1000), --snapshot-delay-ms MS (default 0: when set,
 * every checkpoint and savepoint sleeps that long in the snapshot, so that a test
 * can observe an IN_PROGRESS savepoint).
 */
public class CounterStream {
    public static final String DEFAULT_NAME = "flinkjob-counter-stream";

    public static void main(String[] args) throws Exception {
        JobArgs params = new JobArgs(args);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(params.getInt("parallelism", 1));
        env.enableCheckpointing(params.getLong("checkpoint-interval", 1000L));

        env.fromSequence(0, Long.MAX_VALUE)
                .uid("counter-source")
                .name("sequence")
                .map(new CountingMap(params.getLong("rate", 200L),
                        params.getLong("snapshot-delay-ms", 0L)))
                .uid("counter-map")
                .name("count-records")
                .sinkTo(new DiscardingSink<>())
                .uid("counter-sink")
                .name("discard");

        env.execute(params.get("name", DEFAULT_NAME));
    }

    /** Throttles the stream and counts records in state and in the "records" accumulator. */
    static final class CountingMap extends RichMapFunction<Long, Long>
            implements CheckpointedFunction {
        private static final long serialVersionUID = 1L;

        private final long recordsPerSecond;
        private final long snapshotDelayMs;
        private transient LongCounter records;
        private transient ListState<Long> countState;
        private transient long count;

        CountingMap(long recordsPerSecond, long snapshotDelayMs) {
            this.recordsPerSecond = Math.max(1L, recordsPerSecond);
            this.snapshotDelayMs = snapshotDelayMs;
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            countState = context.getOperatorStateStore()
                    .getListState(new ListStateDescriptor<>("records-count", Long.class));
            long restored = 0;
            if (context.isRestored()) {
                for (Long value : countState.get()) {
                    restored += value;
                }
            }
            count = restored;
            if (records != null) {
                records.add(restored);
            }
        }

        @Override
        public void open(OpenContext openContext) throws Exception {
            records = new LongCounter();
            records.add(count);
            getRuntimeContext().addAccumulator("records", records);
        }

        @Override
        public Long map(Long value) throws Exception {
            Thread.sleep(Math.max(1L, 1000L / recordsPerSecond));
            count++;
            records.add(1L);
            return value;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            if (snapshotDelayMs > 0) {
                Thread.sleep(snapshotDelayMs);
            }
            countState.update(Collections.singletonList(count));
        }
    }
}
