package dev.checkout.gateway;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.stereotype.Component;

/**
 * Drops a request's TCP connection from inside its handler, with no status line or byte of a response sent: the
 * caller sees an I/O error (end of stream, connection reset), exactly what a network failure looks like.
 * <p>
 * The servlet API cannot do this: closing the output stream still completes a response. Tomcat can: the coyote
 * {@link ActionCode#CLOSE_NOW} action marks the connection for closing at once and swallows anything written after it,
 * which is how Tomcat itself gives up on a broken exchange. The coyote response is reachable from a Tomcat valve (a
 * public extension point) but not from the servlet facades, so {@link AbortableConnectionValve} hands each request the
 * action as a request attribute. This ties the simulator to Tomcat, which it starts itself whatever the host runs.
 */
@Component
final class ConnectionDrop {

    private static final String ABORT_ATTRIBUTE = ConnectionDrop.class.getName() + ".abort";

    void drop(HttpServletRequest request) {
        if (!(request.getAttribute(ABORT_ATTRIBUTE) instanceof Runnable abort)) {
            throw new IllegalStateException("This request was not received through the simulator's Tomcat valve");
        }
        abort.run();
    }

    /** Installed on the simulator's Tomcat context; gives every request a way to drop its own connection. */
    static final class AbortableConnectionValve extends ValveBase {

        AbortableConnectionValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            Runnable abort = () -> response.getCoyoteResponse().action(ActionCode.CLOSE_NOW, null);
            request.setAttribute(ABORT_ATTRIBUTE, abort);
            getNext().invoke(request, response);
        }
    }
}
