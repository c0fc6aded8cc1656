/**
 * `npm run deploy`: deploys bpmn/ and forms/ to the Camunda 8 cluster the environment names – the same variables
 * the workers use (ZEEBE_REST_ADDRESS, CAMUNDA_AUTH_STRATEGY, ZEEBE_CLIENT_ID, ZEEBE_CLIENT_SECRET, CAMUNDA_OAUTH_URL,
 * ZEEBE_TOKEN_AUDIENCE, CAMUNDA_TENANT_ID ...). Each disruption records the version that governed it (P10).
 */
import { deployableFiles, deployModels } from '../lib/camunda/deployModels';
import { createRestClient } from '../lib/camunda/restClient';

async function main(): Promise<void> {
  if (!process.env.ZEEBE_REST_ADDRESS) {
    process.stderr.write('ZEEBE_REST_ADDRESS saknas: ange adressen till Camunda 8 REST API (t.ex. https://camunda.region.se), och OAuth-variablerna.\n');
    process.exit(2);
  }
  const files = deployableFiles();
  process.stdout.write(`Driftsätter ${files.length} resurser till ${process.env.ZEEBE_REST_ADDRESS} ...\n`);
  const camunda = await createRestClient(process.env, { CAMUNDA_LOG_LEVEL: 'none' });
  try {
    const deployed = await deployModels(camunda, files);
    for (const p of deployed.processes) process.stdout.write(`  process ${p.processDefinitionId} version ${p.processDefinitionVersion}\n`);
    for (const f of deployed.forms) process.stdout.write(`  formulär ${f.formId} version ${f.version}\n`);
  } catch (err) {
    process.stderr.write(`Driftsättningen misslyckades: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
