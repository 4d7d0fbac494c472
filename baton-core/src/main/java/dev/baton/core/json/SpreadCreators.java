package dev.baton.core.json;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Builds records (and other values made through a constructor with properties) with a method
 * handle spread once per type. Jackson 3 calls such a constructor with
 * {@code MethodHandle.invokeWithArguments}, which builds a new spreader on every call: on a tool's
 * input, decoded at every step, that was a tenth of the step and most of its garbage.
 */
final class SpreadCreators extends ValueInstantiators.Base {
  @Override
  public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
      BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
    if (defaultInstantiator.getClass() != StdValueInstantiator.class
        || !(defaultInstantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
      return defaultInstantiator;
    }
    try {
      Constructor<?> constructor = creator.getAnnotated();
      // why: Jackson has made the constructor accessible (or it is public) before it gets here
      MethodHandle spread = MethodHandles.lookup().unreflectConstructor(constructor)
          .asSpreader(Object[].class, constructor.getParameterCount())
          .asType(MethodType.methodType(Object.class, Object[].class));
      return new Spread((StdValueInstantiator) defaultInstantiator, spread);
    } catch (IllegalAccessException | RuntimeException e) {
      return defaultInstantiator;
    }
  }

  /** Jackson's own instantiator, but for the call with the creator's arguments. */
  private static final class Spread extends StdValueInstantiator {
    private static final long serialVersionUID = 1L;
    private final transient MethodHandle spread;

    Spread(StdValueInstantiator src, MethodHandle spread) {
      super(src);
      this.spread = spread;
    }

    @Override
    public Object createFromObjectWith(DeserializationContext ctxt, Object[] args)
        throws JacksonException {
      try {
        return spread.invokeExact(args);
      } catch (Exception e) {
        return ctxt.handleInstantiationProblem(getValueClass(), args,
            rewrapCtorProblem(ctxt, e));
      } catch (Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
      }
    }
  }
}
