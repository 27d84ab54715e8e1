/**
 * A small orchestration-saga engine in the style of FTGO's saga DSL: a {@link dev.checkout.order.saga.engine.SagaDefinition}
 * is a readable table of steps, each a command to a participant (with the replies that mean success or failure and
 * the command that compensates it) or a local action. {@link dev.checkout.order.saga.engine.SagaEngine} persists the saga's
 * state and a step log after every transition through a {@link dev.checkout.order.saga.engine.SagaStore} and sends commands
 * through a {@link dev.checkout.order.saga.engine.CommandBus}, both in the caller's transaction. Plain Java without Spring,
 * so a saga can be unit-tested with in-memory fakes and no broker.
 */
package dev.checkout.order.saga.engine;
