package io.classcord.app.console;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/** Runs one command of the command line by its name, after checking its operands. */
final class CommandDispatch {

    private final Messages texts;
    private final ListingCommands listing;
    private final ActionCommands actions;

    CommandDispatch(Messages texts, ListingCommands listing, ActionCommands actions) {
        this.texts = texts;
        this.listing = listing;
        this.actions = actions;
    }

    /** Returns the exit code; bad operands or an unknown command end in a {@link ConsoleException#USAGE}. */
    int run(String name, List<String> operands, Map<String, String> query) {
        return switch (name) {
            case "clients" -> noOperand(operands, listing::clients);
            case "channels" -> noOperand(operands, listing::channels);
            case "users" -> noOperand(operands, () -> listing.users(query));
            case "user" -> listing.user(one(operands));
            case "messages" -> noOperand(operands, () -> listing.messages(query));
            case "view" -> noOperand(operands, () -> listing.view(query.get("limit")));
            case "alert" -> actions.alert(one(operands), query.get("channel"));
            case "kick" -> {
                if (operands.isEmpty() || operands.size() > 2) {
                    throw new ConsoleException(ConsoleException.USAGE, texts.t("kick.usage"));
                }
                yield actions.kick(operands.get(0), operands.size() == 2 ? operands.get(1) : null);
            }
            case "ban" -> actions.ban(one(operands), true);
            case "unban" -> actions.ban(one(operands), false);
            case "create-channel" -> actions.createChannel(one(operands));
            case "close-channel" -> actions.setOpen(one(operands), false);
            case "reopen-channel" -> actions.setOpen(one(operands), true);
            case "export" -> actions.export(operands.isEmpty() ? "all" : one(operands));
            case "stop" -> noOperand(operands, actions::stop);
            case "health" -> noOperand(operands, listing::health);
            default -> throw new ConsoleException(ConsoleException.USAGE, texts.t("command.unknown", name));
        };
    }

    private int noOperand(List<String> operands, IntSupplier command) {
        if (!operands.isEmpty()) {
            throw new ConsoleException(ConsoleException.USAGE, texts.t("argument.extra", operands.getFirst()));
        }
        return command.getAsInt();
    }

    private String one(List<String> operands) {
        if (operands.size() != 1) {
            throw new ConsoleException(ConsoleException.USAGE, texts.t("argument.one", operands.size()));
        }
        return operands.getFirst();
    }
}
