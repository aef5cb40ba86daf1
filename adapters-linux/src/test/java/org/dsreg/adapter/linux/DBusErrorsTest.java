package org.dsreg.adapter.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dsreg.port.out.BrokerException;
import org.freedesktop.dbus.errors.AccessDenied;
import org.freedesktop.dbus.errors.NoReply;
import org.freedesktop.dbus.errors.ServiceUnknown;
import org.freedesktop.dbus.errors.UnknownInterface;
import org.freedesktop.dbus.errors.UnknownMethod;
import org.freedesktop.dbus.errors.UnknownObject;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.junit.jupiter.api.Test;

class DBusErrorsTest {
    static BrokerException.Reason reason(DBusExecutionException e) {
        return DBusErrors.toBrokerException("the broker", e).reason();
    }

    @Test
    void aNoReplyFromTheBusMeansTheBrokerWentAway() {
        // what dbus-daemon sends when the peer disconnects without replying, and after its reply timeout
        assertEquals(BrokerException.Reason.UNREACHABLE,
                reason(new NoReply("Message recipient disconnected from message bus without replying")));
        assertEquals(BrokerException.Reason.UNREACHABLE, reason(new NoReply("Did not receive a reply.")));
        // the same error under its standard name (a class of that name, as the testkit has)
        assertEquals(BrokerException.Reason.UNREACHABLE,
                reason(new org.freedesktop.DBus.Error.NoReply("the fake broker went away")));
    }

    @Test
    void dbusJavasOwnReplyWaitEndingIsATimeout() {
        assertEquals(BrokerException.Reason.TIMEOUT, reason(new NoReply(DBusErrors.LOCAL_NO_REPLY)));
    }

    @Test
    void aNameWithoutOwnerIsUnreachable() {
        BrokerException e = DBusErrors.toBrokerException("the broker", new ServiceUnknown("not activatable"));
        assertEquals(BrokerException.Reason.UNREACHABLE, e.reason());
        assertTrue(e.getMessage().contains("is not running"), e.getMessage());
    }

    @Test
    void aBrokerWithoutTheMethodOrThatThePolicyHidesDoesNotSupportTheCall() {
        assertEquals(BrokerException.Reason.NOT_SUPPORTED, reason(new UnknownMethod("no such method")));
        assertEquals(BrokerException.Reason.NOT_SUPPORTED,
                reason(new org.freedesktop.DBus.Error.UnknownMethod("no such method")));
        assertEquals(BrokerException.Reason.NOT_SUPPORTED, reason(new UnknownInterface("no such interface")));
        assertEquals(BrokerException.Reason.NOT_SUPPORTED, reason(new AccessDenied("rejected send message")));
    }

    @Test
    void unknownObjectIsRecognisedByClassAndByName() {
        assertTrue(DBusErrors.isUnknownObject(new UnknownObject("starting")));
        assertTrue(DBusErrors.isUnknownObject(new org.freedesktop.DBus.Error.UnknownObject("starting")));
        assertFalse(DBusErrors.isUnknownObject(new ServiceUnknown("gone")));
    }

    @Test
    void messagesNameTheBusErrorNeverDbusJavasClass() {
        String gone = DBusErrors.toBrokerException("the broker",
                new NoReply("Message recipient disconnected from message bus without replying")).getMessage();
        assertEquals("the broker went away without answering (org.freedesktop.DBus.Error.NoReply)", gone);
        assertEquals("the broker does not answer this call (org.freedesktop.DBus.Error.AccessDenied: rejected)",
                DBusErrors.toBrokerException("the broker", new AccessDenied("rejected")).getMessage());
        assertFalse(DBusErrors.toBrokerException("the broker", new ServiceUnknown("gone")).getMessage()
                .contains("org.freedesktop.dbus."), "dbus-java's package never shows");
    }

    @Test
    void theBussOwnReplyTimeoutSaysTimeout() {
        BrokerException e = DBusErrors.toBrokerException("the broker", new NoReply("Did not receive a reply. Possible"
                + " causes include: the remote application did not send a reply, the message bus security policy"
                + " blocked the reply, the reply timeout expired, or the network connection was broken."));
        assertEquals("the broker did not answer before the bus's reply timeout (timeout;"
                + " org.freedesktop.DBus.Error.NoReply)", e.getMessage());
        assertEquals(BrokerException.Reason.UNREACHABLE, e.reason(), "as before: the status treats it as gone");
        assertTrue(DBusErrors.toBrokerException("the broker", new NoReply(DBusErrors.LOCAL_NO_REPLY)).getMessage()
                .contains("timeout"));
    }

    @Test
    void anErrorDbusJavaRaisedItselfIsDescribedWithoutJavaClassNames() {
        // what a live systemd user manager gave: dbus-java's own exception, its message naming another
        String m = DBusErrors.toBrokerException("systemd", new DBusExecutionException(
                "org.freedesktop.dbus.exceptions.DBusExecutionException: Failed to read the property")).getMessage();
        assertEquals("systemd failed: Failed to read the property", m);
        assertEquals("the call failed", DBusErrors.describe(new DBusExecutionException("")));
    }

    @Test
    void anErrorWithADbusNameKeepsTheNameAndTheMessage() {
        // (dbus-java 5 keeps an error's name only through a class of that name; for any other error, the message)
        assertEquals("org.freedesktop.DBus.Error.UnknownObject: No such object path '/x'",
                DBusErrors.describe(new org.freedesktop.DBus.Error.UnknownObject("No such object path '/x'")));
        assertEquals("org.freedesktop.DBus.Error.AccessDenied: rejected",
                DBusErrors.describe(new AccessDenied("rejected")));
        assertEquals("org.freedesktop.DBus.Error.AccessDenied", DBusErrors.describe(new AccessDenied("")));
    }

    @Test
    void wordsTakesJavaClassNamesOutAndKeepsOneLine() {
        assertEquals("cannot connect: Connection refused", DBusErrors.words(
                "cannot connect: java.net.ConnectException: Connection refused\n"));
        assertEquals("", DBusErrors.words(null));
    }
}
