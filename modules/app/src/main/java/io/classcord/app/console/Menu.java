package io.classcord.app.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The interactive menu, as the course's admin_console offered it: a numbered choice, questions, repeat. */
final class Menu {

    private static final List<String> ENTRIES = List.of("menu.1", "menu.2", "menu.3", "menu.4", "menu.5", "menu.6",
            "menu.7", "menu.8", "menu.0");

    private final Messages texts;
    private final PrintStream out;
    private final String url;
    private final ListingCommands listing;
    private final ActionCommands actions;

    Menu(Messages texts, PrintStream out, String url, ListingCommands listing, ActionCommands actions) {
        this.texts = texts;
        this.out = out;
        this.url = url;
        this.listing = listing;
        this.actions = actions;
    }

    /** Until 0, q or the end of the input; a refused action is shown and the menu goes on. Returns 0. */
    int run(BufferedReader in) {
        while (true) {
            out.println();
            out.println(texts.t("menu.title", url));
            ENTRIES.forEach(entry -> out.println(texts.t(entry)));
            String choice = ask(in, texts.t("menu.choice"));
            if (choice == null || choice.equals("0") || choice.equalsIgnoreCase("q")) {
                return 0;
            }
            try {
                if (choose(in, choice)) {
                    return 0;
                }
            } catch (ConsoleException e) {
                out.println(texts.t("menu.error", e.getMessage()));
            }
        }
    }

    /** Runs one choice; true when it stopped the server, which ends the menu. */
    private boolean choose(BufferedReader in, String choice) {
        switch (choice) {
            case "1" -> listing.clients();
            case "2" -> listing.channels();
            case "3" -> {
                listing.view(null);
                if (yes(ask(in, texts.t("menu.export.ask")))) {
                    actions.export("all");
                }
            }
            case "4" -> {
                String text = ask(in, texts.t("menu.alert.text"));
                String channel = ask(in, texts.t("menu.alert.channel"));
                if (present(text)) {
                    actions.alert(text, present(channel) ? channel : null);
                }
            }
            case "5" -> {
                String user = ask(in, texts.t("menu.kick.user"));
                String reason = ask(in, texts.t("menu.kick.reason"));
                if (present(user)) {
                    actions.kick(user, present(reason) ? reason : null);
                }
            }
            case "6" -> {
                if (yes(ask(in, texts.t("menu.stop.ask")))) {
                    actions.stop();
                    return true;
                }
            }
            case "7" -> banOrUnban(in);
            case "8" -> channelAction(in);
            default -> out.println(texts.t("menu.unknown", choice));
        }
        return false;
    }

    private void banOrUnban(BufferedReader in) {
        String user = ask(in, texts.t("menu.ban.user"));
        String action = ask(in, texts.t("menu.ban.action"));
        boolean ban = texts.t("menu.ban.letter").equals(action);
        if (present(user) && (ban || texts.t("menu.unban.letter").equals(action))) {
            actions.ban(user, ban);
        }
    }

    private void channelAction(BufferedReader in) {
        String action = ask(in, texts.t("menu.channel.action"));
        String channel = ask(in, texts.t("menu.channel.name"));
        if (!present(channel) || action == null) {
            return;
        }
        Map<String, Runnable> byLetter = Map.of(
                texts.t("menu.close.letter"), () -> actions.setOpen(channel, false),
                texts.t("menu.reopen.letter"), () -> actions.setOpen(channel, true),
                texts.t("menu.create.letter"), () -> actions.createChannel(channel));
        byLetter.getOrDefault(action, () -> out.println(texts.t("menu.unknown", action))).run();
    }

    private String ask(BufferedReader in, String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            return line == null ? null : line.strip();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean present(String answer) {
        return answer != null && !answer.isBlank();
    }

    private static boolean yes(String answer) {
        return answer != null && (answer.equalsIgnoreCase("o") || answer.equalsIgnoreCase("oui")
                || answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes"));
    }
}
