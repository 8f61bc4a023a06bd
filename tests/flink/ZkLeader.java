/*
 * ZkLeader.java: the REST leader of a Flink HA cluster, as ZooKeeper holds it
 *
 *   java -cp /usr/share/java/zookeeper.jar:/usr/share/java/slf4j-nop.jar \
 *       tests/flink/ZkLeader.java QUORUM PATH [RAW-OUTPUT-FILE]
 *
 * Reads PATH (<root>/<cluster-id>/leader/rest_server/connection_info) with
 * ZooKeeper's own Java client and decodes it exactly as Flink's
 * ZooKeeperUtils.readLeaderInformation does: ObjectInputStream.readUTF() (the
 * leader's address), then readObject() (its leader session id, a UUID).
 * Prints "ADDRESS SESSION-ID". With RAW-OUTPUT-FILE the node's bytes are
 * also written there unchanged, for flinkjob's decoder tests.
 *
 * Exit status: 0, 1 on an error, 2 on bad usage, 3 when no leader is
 * published (no node, or an empty one: Flink's LeaderInformation.empty()).
 *
 * Run as a single source file (java 11+); flink-harness.py's `leader`
 * subcommand does.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

public class ZkLeader {
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: ZkLeader QUORUM PATH [RAW-OUTPUT-FILE]");
            System.exit(2);
        }
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(args[0], 10000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        int status = 0;
        try {
            if (!connected.await(20, TimeUnit.SECONDS)) {
                System.err.println("ZkLeader: cannot reach ZooKeeper at " + args[0]);
                status = 1;
                return;
            }
            byte[] data;
            try {
                data = zk.getData(args[1], false, new Stat());
            } catch (KeeperException.NoNodeException e) {
                System.err.println("ZkLeader: no node " + args[1] + ": no leader");
                status = 3;
                return;
            }
            if (args.length == 3) {
                Files.write(Paths.get(args[2]), data == null ? new byte[0] : data);
            }
            if (data == null || data.length == 0) {
                System.err.println("ZkLeader: " + args[1] + " is empty: no leader");
                status = 3;
                return;
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
                String address = in.readUTF();
                UUID session = (UUID) in.readObject();
                System.out.println(address + " " + session);
            }
        } finally {
            zk.close();
            System.out.flush();
            if (status != 0) {
                System.exit(status);
            }
        }
    }
}
