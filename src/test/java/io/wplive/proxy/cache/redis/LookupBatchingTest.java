package io.wplive.proxy.cache.redis;

import static io.wplive.proxy.support.redis.Await.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.junit5.VertxExtension;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.wplive.proxy.support.redis.RedisFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link LookupBatcher} against a real Redis, with every command it sends recorded: lookups made in
 * one event-loop turn are one MGET, each caller still gets the value of its own key.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LookupBatchingTest {
  private Vertx vertx;
  private Redis redis;
  private String prefix;
  private final List<Request> sent = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    this.redis = Redis.createClient(vertx, RedisFixture.shared().url());
    this.prefix = RedisFixture.newKeyPrefix();
  }

  @AfterEach
  void tearDown() {
    result(redis.close());
  }

  /** Resolves a value to its text, or "nil"; a failed command to "failed×lookups". */
  private static final LookupBatcher.Resolver<String> TEXT = new LookupBatcher.Resolver<>() {
    @Override
    public String resolve(String key, Response value, int lookups) {
      return (value == null ? "nil" : value.toString()) + (lookups > 1 ? "×" + lookups : "");
    }

    @Override
    public String failed(Throwable cause, int lookups) {
      return "failed×" + lookups;
    }
  };

  private LookupBatcher<String> batcher(boolean oneByOne) {
    return batcher(oneByOne, r -> redis.send(r));
  }

  private LookupBatcher<String> batcher(boolean oneByOne, Function<Request, Future<Response>> send) {
    return new LookupBatcher<>(k -> prefix + k, r -> {
      sent.add(r);
      return send.apply(r);
    }, oneByOne, TEXT);
  }

  private void store(String key, String value) {
    result(redis.send(Request.cmd(Command.SET).arg(prefix + key).arg(value)));
  }

  /** Runs {@code lookups} in one event-loop turn and waits for every answer. */
  private List<String> inOneTurn(Supplier<List<Future<String>>> lookups) {
    Promise<List<Future<String>>> made = Promise.promise();
    vertx.runOnContext(v -> made.complete(lookups.get()));
    List<Future<String>> futures = result(made.future());
    List<String> answers = new ArrayList<>();
    for (Future<String> f : futures) {
      answers.add(result(f));
    }
    return answers;
  }

  @Test
  void lookupsOfOneTurnAreOneMgetAndEachCallerGetsItsOwnKey() {
    store("a", "value-a");
    store("c", "value-c");
    LookupBatcher<String> b = batcher(false);

    List<String> answers = inOneTurn(() -> List.of(b.get("a"), b.get("b"), b.get("c")));

    assertThat(answers).containsExactly("value-a", "nil", "value-c");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).command()).isEqualTo(Command.MGET);
  }

  @Test
  void lookupsOfTheSameKeyInOneTurnShareOneAnswerAndAreCountedEach() {
    store("a", "value-a");
    store("b", "value-b");
    LookupBatcher<String> b = batcher(false);

    List<String> answers = inOneTurn(() -> List.of(b.get("a"), b.get("b"), b.get("a"), b.get("a")));

    assertThat(answers).containsExactly("value-a×3", "value-b", "value-a×3", "value-a×3");
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).toString()).containsOnlyOnce(prefix + "a").containsOnlyOnce(prefix + "b");
  }

  /**
   * Lookups of several requests (each on its own duplicated context, as Vert.x gives every HTTP
   * request) share a batch, yet each continues on its own context, as with a command of its own.
   */
  @Test
  void eachCallerIsAnsweredOnItsOwnContext() {
    store("a", "value-a");
    store("b", "value-b");
    LookupBatcher<String> b = batcher(false);

    List<String> answers = inOneTurn(() -> {
      ContextInternal base = (ContextInternal) Vertx.currentContext();
      ContextInternal first = base.duplicate();
      ContextInternal second = base.duplicate();
      List<Future<String>> all = new ArrayList<>();
      first.emit(v -> all.add(b.get("a").map(x -> x + (Vertx.currentContext() == first ? " on first" : " elsewhere"))));
      second.emit(v -> all.add(b.get("a").map(x -> x + (Vertx.currentContext() == second ? " on second" : " elsewhere"))));
      second.emit(v -> all.add(b.get("b").map(x -> x + (Vertx.currentContext() == second ? " on second" : " elsewhere"))));
      return all;
    });

    assertThat(answers).containsExactly("value-a×2 on first", "value-a×2 on second", "value-b on second");
    assertThat(sent).hasSize(1);
  }

  @Test
  void aCallerWhoseContinuationThrowsDoesNotKeepTheOthersWaiting() {
    store("a", "value-a");
    LookupBatcher<String> b = batcher(false);

    // the failing caller is the only one asking for its key, and the first in the batch
    List<String> answers = inOneTurn(() -> {
      b.get("a").onComplete(ar -> {
        throw new IllegalStateException("expected by the test: a request handler that fails");
      });
      return List.of(b.get("b"), b.get("c"));
    });

    assertThat(answers).containsExactly("nil", "nil");
    assertThat(sent).hasSize(1);
  }

  @Test
  void aTurnWithOneKeySendsAPlainGet() {
    store("a", "value-a");
    LookupBatcher<String> b = batcher(false);

    assertThat(inOneTurn(() -> List.of(b.get("a"), b.get("a")))).containsExactly("value-a×2", "value-a×2");
    assertThat(sent).extracting(Request::command).containsExactly(Command.GET);
  }

  @Test
  void moreKeysThanOneCommandTakesAreSplitIntoSeveralMgets() {
    int n = LookupBatcher.MAX_KEYS * 2 + 1;
    for (int i = 0; i < n; i += 2) {
      store("k" + i, "v" + i);
    }
    LookupBatcher<String> b = batcher(false);

    List<String> answers = inOneTurn(() -> {
      List<Future<String>> all = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        all.add(b.get("k" + i));
      }
      return all;
    });

    for (int i = 0; i < n; i++) {
      assertThat(answers.get(i)).as("key k%d", i).isEqualTo(i % 2 == 0 ? "v" + i : "nil");
    }
    // 64 + 64 keys in two MGETs, the last one alone in a GET
    assertThat(sent).extracting(Request::command).containsExactly(Command.MGET, Command.MGET, Command.GET);
  }

  @Test
  void lookupsOfSeparateTurnsAreSeparateCommands() {
    store("a", "value-a");
    store("b", "value-b");
    LookupBatcher<String> b = batcher(false);

    assertThat(inOneTurn(() -> List.of(b.get("a")))).containsExactly("value-a");
    assertThat(inOneTurn(() -> List.of(b.get("b")))).containsExactly("value-b");
    assertThat(sent).extracting(Request::command).containsExactly(Command.GET, Command.GET);
  }

  @Test
  void aLookupOffTheEventLoopIsSentAtOnceAsAGet() {
    store("a", "value-a");
    LookupBatcher<String> b = batcher(false);

    assertThat(result(b.get("a"))).isEqualTo("value-a");
    assertThat(sent).extracting(Request::command).containsExactly(Command.GET);
  }

  @Test
  void oneByOneModeNeverBatches() {
    store("a", "value-a");
    store("b", "value-b");
    LookupBatcher<String> b = batcher(true);

    assertThat(inOneTurn(() -> List.of(b.get("a"), b.get("b"), b.get("a")))).containsExactly("value-a", "value-b", "value-a");
    assertThat(sent).extracting(Request::command).containsExactly(Command.GET, Command.GET, Command.GET);
  }

  @Test
  void aFailedCommandAnswersEveryCallerWithTheFailureValueAndNeverFails() {
    LookupBatcher<String> b = batcher(false, r -> Future.failedFuture("connection lost"));

    assertThat(inOneTurn(() -> List.of(b.get("a"), b.get("b"), b.get("a")))).containsExactly("failed×2", "failed×1", "failed×2");
  }

  @Test
  void anMgetReplyOfTheWrongSizeIsAFailureNotAMixUp() {
    // a reply that does not have one value per key cannot be matched to the keys
    LookupBatcher<String> b = batcher(false, r -> redis.send(Request.cmd(Command.MGET).arg(prefix + "only-one")));

    assertThat(inOneTurn(() -> List.of(b.get("a"), b.get("b")))).containsExactly("failed×1", "failed×1");
  }
}
