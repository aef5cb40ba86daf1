package org.dsreg.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.domain.ThrowsDeclaration;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A class's public signature uses only allowed types: its supertypes, and the types of its public constructors,
 * methods and fields (a record's components are its public accessors and canonical constructor), parameters,
 * results, thrown exceptions and type parameters, type arguments included ({@code Optional<Foo>} uses
 * {@code Foo}). Private and package-private members are not part of the signature.
 */
final class PublicSignatures extends ArchCondition<JavaClass> {
    private final DescribedPredicate<JavaClass> allowed;

    PublicSignatures(DescribedPredicate<JavaClass> allowed) {
        super("have public signatures that use only types that " + allowed.getDescription());
        this.allowed = allowed;
    }

    @Override
    public void check(JavaClass type, ConditionEvents events) {
        List<JavaType> declared = new ArrayList<>(type.getInterfaces());
        type.getSuperclass().ifPresent(declared::add);
        declared.addAll(type.getTypeParameters());
        report(type, type.getName() + " (its supertypes and type parameters)", declared, events);
        for (JavaCodeUnit unit : type.getCodeUnits()) {
            if (unit.getModifiers().contains(JavaModifier.PUBLIC)) {
                List<JavaType> used = new ArrayList<>(unit.getParameterTypes());
                used.add(unit.getReturnType());
                used.addAll(unit.getTypeParameters());
                for (ThrowsDeclaration<? extends JavaCodeUnit> thrown : unit.getThrowsClause()) {
                    used.add(thrown.getRawType());
                }
                report(type, description(unit), used, events);
            }
        }
        for (JavaField field : type.getFields()) {
            if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
                report(type, description(field), List.of(field.getType()), events);
            }
        }
    }

    private void report(JavaClass owner, String where, List<? extends JavaType> types, ConditionEvents events) {
        Set<JavaClass> offending = new LinkedHashSet<>();
        for (JavaType t : types) {
            for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                if (!allowed.test(raw)) {
                    offending.add(raw.getBaseComponentType());
                }
            }
        }
        for (JavaClass raw : offending) {
            events.add(SimpleConditionEvent.violated(owner, where + " uses " + raw.getName()));
        }
    }

    private static String description(JavaMember member) {
        return "public " + member.getFullName();
    }
}
