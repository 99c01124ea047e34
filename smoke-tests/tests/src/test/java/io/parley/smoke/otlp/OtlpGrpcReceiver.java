package io.parley.smoke.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * An OTLP/gRPC receiver on 127.0.0.1 (random port): a generic unary method for
 * {@code opentelemetry.proto.collector.trace.v1.TraceService/Export} whose request bytes are decoded
 * like the HTTP receiver's; the response is an empty {@code ExportTraceServiceResponse}.
 */
public final class OtlpGrpcReceiver implements AutoCloseable {

  private static final String TRACE_SERVICE = "opentelemetry.proto.collector.trace.v1.TraceService";

  private final ExportedTelemetry telemetry = new ExportedTelemetry();
  private final Server server;

  private OtlpGrpcReceiver() throws IOException {
    MethodDescriptor<byte[], byte[]> export =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(TRACE_SERVICE, "Export"))
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();
    ServerServiceDefinition traceService =
        ServerServiceDefinition.builder(TRACE_SERVICE)
            .addMethod(
                export,
                ServerCalls.asyncUnaryCall(
                    (request, responseObserver) -> {
                      try {
                        telemetry.acceptTraces(request);
                      } catch (InvalidProtocolBufferException e) {
                        responseObserver.onError(
                            Status.INVALID_ARGUMENT.withDescription(e.toString()).asRuntimeException());
                        return;
                      }
                      responseObserver.onNext(new byte[0]);
                      responseObserver.onCompleted();
                    }))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .addService(traceService)
            .build()
            .start();
  }

  public static OtlpGrpcReceiver start() {
    try {
      OtlpGrpcReceiver receiver = new OtlpGrpcReceiver();
      io.parley.smoke.secrets.SecretScan.receiverStarted(receiver.endpoint(), receiver.telemetry);
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value for {@code OTEL_EXPORTER_OTLP_ENDPOINT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public ExportedTelemetry telemetry() {
    return telemetry;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }

  /** Passes messages through as bytes, so no generated gRPC stubs are needed. */
  private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    INSTANCE;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw Status.INTERNAL.withCause(e).asRuntimeException();
      }
    }
  }
}
