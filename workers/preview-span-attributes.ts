import type { Attributes } from '@opentelemetry/api';
import type { Job } from 'bullmq';
import { SPAN_ATTRIBUTES } from '../src/platform/tracing/spans';
import { PreviewJobDataSchema } from '../src/store/preview-queue';

/** A match preview's span: its organisation, once the job is known to be one this connector made. */
export function previewSpanAttributes(job: Job<unknown>): Attributes {
  const data = PreviewJobDataSchema.safeParse(job.data);
  return data.success ? { [SPAN_ATTRIBUTES.organisationCode]: data.data.organisationCode } : {};
}
