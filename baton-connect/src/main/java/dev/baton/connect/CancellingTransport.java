package dev.baton.connect;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A transport that remembers the request id of each tool call by its progress token, so a call
 * can be cancelled on the server ({@code notifications/cancelled}): the SDK keeps request ids to
 * itself and sends no cancellation of its own.
 */
final class CancellingTransport implements McpClientTransport {
  private final McpClientTransport delegate;
  private final Map<Object, Object> requestIds = new ConcurrentHashMap<>();

  CancellingTransport(McpClientTransport delegate) {
    this.delegate = delegate;
  }

  McpClientTransport delegate() {
    return delegate;
  }

  @Override
  public Mono<Void> connect(
      Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return delegate.connect(handler);
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    if (message instanceof McpSchema.JSONRPCRequest r && McpSchema.METHOD_TOOLS_CALL.equals(
        r.method()) && r.params() instanceof McpSchema.CallToolRequest call
        && call.meta() != null && call.meta().get("progressToken") != null) {
      requestIds.put(call.meta().get("progressToken"), r.id());
    }
    return delegate.sendMessage(message);
  }

  /** Forgets the call with this progress token (it ended). */
  void ended(Object progressToken) {
    requestIds.remove(progressToken);
  }

  /** Tells the server to stop the call with this progress token; quietly nothing if it ended. */
  void cancel(Object progressToken, String reason) {
    Object id = requestIds.remove(progressToken);
    if (id == null) {
      return;
    }
    delegate.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION,
        "notifications/cancelled",
        Map.of("requestId", id, "reason", reason)))
        .onErrorComplete().subscribe();
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
    return delegate.unmarshalFrom(data, type);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }
}
