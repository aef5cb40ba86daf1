/**
 * Exceptions whose fully qualified class names equal the standard D-Bus error names.
 *
 * <p>dbus-java 5.1 sends a method's exception as a D-Bus error named after the exception's Java class
 * ({@code $} replaced by {@code .}). Its own {@code org.freedesktop.dbus.errors.*} classes therefore go out as
 * {@code org.freedesktop.dbus.errors.UnknownObject} and so on, which C clients do not recognise. The testkit's
 * fakes throw these classes instead so the wire carries {@code org.freedesktop.DBus.Error.*}, exactly what real
 * services send. A dbus-java client maps these names back to its own {@code org.freedesktop.dbus.errors.*}
 * classes where one exists.
 */
package org.freedesktop.DBus.Error;
