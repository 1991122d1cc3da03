import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export interface TracingOptions {
  exporter: SpanExporter;
  /** `service.name` unless OTEL_SERVICE_NAME (or OTEL_RESOURCE_ATTRIBUTES) names one. */
  serviceName: string;
  /** Export each span when it ends (tests) instead of in batches. Default false. */
  immediate?: boolean;
}

let provider: NodeTracerProvider | undefined;

/**
 * Starts the OpenTelemetry trace SDK for this process: W3C trace context propagation, the async-hooks
 * context manager, spans to `exporter`. Once per process; a second call is ignored (returns false).
 */
export function startTracing(options: TracingOptions): boolean {
  if (provider) return false;
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': options.serviceName }))
    .merge(detectResources({ detectors: [envDetector] }));
  const processor = options.immediate
    ? new SimpleSpanProcessor(options.exporter)
    : new BatchSpanProcessor(options.exporter);
  provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  provider.register();
  return true;
}

/** Whether this process started tracing: until it does, every span is a no-op not worth creating. */
export function tracingStarted(): boolean {
  return provider !== undefined;
}

/** Whether the environment asks for traces: OTEL_TRACES_EXPORTER other than `none`, or an OTLP endpoint. */
export function tracingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Starts tracing when the standard OTEL_* variables ask for it, and does nothing otherwise (the default:
 * no SDK, spans are no-ops). OTEL_TRACES_EXPORTER `otlp` (default) sends OTLP over HTTP to
 * OTEL_EXPORTER_OTLP_ENDPOINT (JSON, `/v1/traces`); `console` prints spans. Idempotent.
 */
export function startTracingFromEnv(serviceName: string, env: NodeJS.ProcessEnv = process.env): boolean {
  if (provider || !tracingRequested(env)) return false;
  const kind = env.OTEL_TRACES_EXPORTER?.split(',')[0]?.trim() || 'otlp';
  if (kind !== 'otlp' && kind !== 'console')
    throw new Error(`OTEL_TRACES_EXPORTER=${kind} is not supported (otlp, console or none)`);
  const exporter = kind === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter();
  return startTracing({ exporter, serviceName });
}

/** Exports the spans still buffered (at shutdown); nothing when tracing is off. */
export async function flushTracing(): Promise<void> {
  await provider?.forceFlush();
}

/** Stops the SDK and forgets it (tests); spans are no-ops again. */
export async function stopTracing(): Promise<void> {
  const stopping = provider;
  provider = undefined;
  await stopping?.shutdown();
  trace.disable();
}
