package dev.firewatch.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A real SMTP server on loopback that speaks just enough of the protocol to refuse a recipient with the reply it
 * is given ({@code 450 4.2.1 Mailbox busy}), or that takes the connection and never says a word. GreenMail takes
 * every mail, so the answers a mail server gives when it does not are played here.
 */
final class ScriptedSmtp implements AutoCloseable {
    private final ServerSocket socket;
    private final String recipientReply;

    private ScriptedSmtp(ServerSocket socket, String recipientReply) {
        this.socket = socket;
        this.recipientReply = recipientReply;
        Thread.ofVirtual().name("scripted-smtp").start(this::serve);
    }

    /** Refuses every recipient with {@code reply}. */
    static ScriptedSmtp refusingRecipients(String reply) {
        return new ScriptedSmtp(bind(), reply);
    }

    /** Accepts connections and stays silent: not even a greeting. */
    static ScriptedSmtp silent() {
        return new ScriptedSmtp(bind(), null);
    }

    int port() {
        return socket.getLocalPort();
    }

    private static ServerSocket bind() {
        try {
            return new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
            if (recipientReply == null) {
                in.read(); // hold the connection open, saying nothing, until the client gives up
                return;
            }
            reply(out, "220 scripted.example.com ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted.example.com");
                } else if (command.startsWith("RCPT")) {
                    reply(out, recipientReply);
                } else if (command.startsWith("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 ok");
                }
            }
        } catch (IOException gone) {
            // the client hung up; nothing to tell
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.print(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
