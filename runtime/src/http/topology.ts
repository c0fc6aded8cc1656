/** Cluster information: topology (one broker, one partition, as a one-node Camunda 8.8), status, license. */
import type { FastifyInstance } from 'fastify';

export const GATEWAY_VERSION = '8.8.0';

export function registerTopologyRoutes(app: FastifyInstance, restPort: () => number): void {
  app.get('/v2/topology', async () => ({
    brokers: [
      {
        nodeId: 0,
        host: 'localhost',
        port: restPort(),
        partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
        version: GATEWAY_VERSION,
      },
    ],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: GATEWAY_VERSION,
    lastCompletedChangeId: '-1',
  }));

  app.get('/v2/status', async (_request, reply) => reply.code(204).send());

  app.get('/v2/license', async () => ({ validLicense: false, licenseType: 'unknown', isCommercial: false, expiresAt: null }));
}
