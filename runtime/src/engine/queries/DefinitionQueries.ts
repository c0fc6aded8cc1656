import { Problem } from '../../broker/Problem';
import type { FormRecord, Key, ProcessDefinitionRecord } from '../../broker/types';
import type { FormRow } from '../../store/rows';
import { parseKey } from '../command/input';
import type { EngineParts } from '../EngineParts';

export function formRecord(r: FormRow): FormRecord {
  return { formKey: String(r.key), formId: r.form_id, version: r.version, resourceName: r.resource_name, tenantId: r.tenant, schema: r.schema };
}

/** Read side of deployed resources: process definitions, their XML, forms. */
export class DefinitionQueries {
  constructor(private readonly parts: EngineParts) {}

  processDefinitions(): ProcessDefinitionRecord[] {
    return this.parts.repos.definitions.listActive().map((r) => ({
      processDefinitionKey: String(r.key),
      processDefinitionId: r.process_id,
      name: r.name,
      version: r.version,
      versionTag: r.version_tag,
      resourceName: r.resource_name,
      tenantId: r.tenant,
    }));
  }

  processDefinitionXml(key: Key): string {
    const xml = this.parts.repos.definitions.xml(parseKey(key, 'processDefinitionKey'));
    if (xml === undefined) throw Problem.notFound(`Process definition with key '${key}' not found`);
    return xml;
  }

  forms(): FormRecord[] {
    return this.parts.repos.forms.listActive().map(formRecord);
  }
}
