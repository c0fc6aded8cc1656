/**
 * The disruption's timeline (P7) and deviation report (P8), built only from the engine's REST API v2
 * through @camunda8/sdk – usable beside the region's Camunda 8 (service) and in the local cockpit (runtime/web).
 */
export { EngineGateway } from '../camunda/EngineGateway';
export { decodeVariables, decodeValue } from '../camunda/variables';
export { EngineError } from '../camunda/EngineError';
export { DiagramIndex, type ElementInfo } from './DiagramIndex';
export { DisruptionLoader, type Disruption, type InstanceDetail } from './DisruptionLoader';
export { buildTimeline, processLabelOf, KIND_LABELS, type TimelineEntry, type TimelineKind } from './buildTimeline';
export { renderDeviationReport, timelineTable, type DeviationReportOptions } from './reportView';
export { DEVIATION_REPORT_CSS } from './reportStyles';
