package dev.snapshotstore.api;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import dev.snapshotstore.api.spi.Arguments;

/**
 * The type of a state object, generic types included: {@code StateType.of(OrderState.class)} or
 * {@code new StateType<List<OrderLine>>() {}}. Serializers read stored bytes as this type and nothing else.
 */
public abstract class StateType<T> {

  private final Type type;

  /** Captures the type argument of an anonymous subclass: {@code new StateType<Map<String, Money>>() {}}. */
  protected StateType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalArgumentException("StateType must be created with a type argument: new StateType<X>() {}");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  private StateType(Class<T> type) {
    this.type = type;
  }

  public static <T> StateType<T> of(Class<T> type) {
    Arguments.checkNotNull(type, "stateType");
    return new StateType<>(type) {};
  }

  public Type type() {
    return type;
  }

  /** The erased class, for casts and messages. */
  public Class<?> rawClass() {
    if (type instanceof Class<?> plain) {
      return plain;
    }
    if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
      return raw;
    }
    return Object.class;
  }

  @SuppressWarnings("unchecked")
  T cast(Object value) {
    Class<?> raw = rawClass();
    if (!raw.isInstance(value)) {
      throw new IllegalStateException("the serializer returned a " + value.getClass().getName() + ", not a "
          + type.getTypeName());
    }
    return (T) value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StateType<?> that && type.equals(that.type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type.getTypeName();
  }
}
