/**
 * Deploys every form in forms/ and every process in bpmn/ through @camunda8/sdk – to the local runtime
 * (`npm start`) or to the region's Camunda 8 (`npm run deploy`, configured like the workers).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CamundaRestClient } from '@camunda8/sdk';

const root = path.resolve(__dirname, '..', '..');

/** Every deployable resource: the forms first, then the processes that link them. */
export function deployableFiles(): string[] {
  const pick = (dir: string, ext: string) =>
    existsSync(path.join(root, dir))
      ? readdirSync(path.join(root, dir))
          .filter((f) => f.endsWith(ext))
          .sort()
          .map((f) => path.join(root, dir, f))
      : [];
  return [...pick('forms', '.form'), ...pick('bpmn', '.bpmn')];
}

export interface DeployedModels {
  processes: { processDefinitionId: string; processDefinitionVersion: number }[];
  forms: { formId: string; version: number }[];
}

/**
 * One deployment of all resources. Not `deployResourcesFromFiles`: SDK 8.8.13 reads files as latin1 and sends them
 * re-encoded, so every å, ä, ö of the Swedish names, labels and notice texts would arrive garbled (in Camunda 8 as
 * well). UTF-8 strings go through intact.
 */
export async function deployModels(camunda: CamundaRestClient, files: string[] = deployableFiles()): Promise<DeployedModels> {
  const deployment = await camunda.deployResources(files.map((f) => ({ name: path.basename(f), content: readFileSync(f, 'utf8') })));
  return {
    processes: deployment.processes.map((p) => ({ processDefinitionId: p.processDefinitionId, processDefinitionVersion: Number(p.processDefinitionVersion) })),
    forms: deployment.forms.map((f) => ({ formId: f.formId, version: Number(f.version) })),
  };
}
