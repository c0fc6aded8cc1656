/** POST /v2/deployments: multipart `resources` parts (one per file) and an optional `tenantId` part. */
import type { FastifyInstance } from 'fastify';
import { Problem } from '../broker/Problem';
import type { DeployResource } from '../broker/types';
import { accessOf, type RestContext } from './RestContext';
import { DEFAULT_TENANT } from './schemas';

export const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

export function registerDeploymentRoutes(app: FastifyInstance, ctx: RestContext): void {
  app.post('/v2/deployments', async (request, reply) => {
    accessOf(ctx, request).require('RESOURCE', 'CREATE');
    if (!request.isMultipart()) {
      throw Problem.badRequest(
        "Expected a multipart/form-data request with one part named 'resources' per file (and optionally a 'tenantId' part)",
      );
    }
    const resources: DeployResource[] = [];
    const problems: string[] = [];
    let tenantId: string | undefined;
    try {
      for await (const part of request.parts({ limits: { fileSize: MAX_RESOURCE_BYTES, files: 500, fields: 20 } })) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.fieldname !== 'resources') problems.push(`unknown part '${part.fieldname}' (expected 'resources')`);
          else if (!part.filename) problems.push("a 'resources' part has no file name");
          else resources.push({ name: part.filename, content });
        } else if (part.fieldname === 'tenantId') {
          tenantId = String(part.value);
        } else if (part.fieldname === 'resources') {
          problems.push("a 'resources' part has no file name (send each resource as a file part)");
        } else {
          problems.push(`unknown part '${part.fieldname}'`);
        }
      }
    } catch (err) {
      // a resource over the limit stays a 413; a body the multipart parser cannot read is the client's mistake
      const code = (err as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE' || (err as { statusCode?: number }).statusCode === 413) throw err;
      throw Problem.badRequest(`Malformed multipart/form-data body: ${(err as Error).message}`);
    }
    if (tenantId !== undefined && tenantId !== '' && tenantId !== DEFAULT_TENANT) {
      problems.push(`tenantId: multi-tenancy is disabled in the local runtime: the only tenant is '${DEFAULT_TENANT}'`);
    }
    if (resources.length === 0 && problems.length === 0) problems.push("no 'resources' part: nothing to deploy");
    if (problems.length > 0) throw Problem.badRequest(`Invalid deployment: ${problems.join('; ')}`, { problems });
    const result = await ctx.broker.deploy(resources);
    return reply.code(200).send(result);
  });
}
