// BullMQ ships each script's resolved text as a module of its own; its types are published for the
// ESM build only. The CommonJS module the connector loads has the same export.
declare module 'bullmq/dist/cjs/scripts/addStandardJob-9' {
  export { addStandardJob } from 'bullmq/dist/esm/scripts/addStandardJob-9';
}
