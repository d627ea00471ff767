package io.classcord.admin.dashboard;

import io.classcord.engine.ChatActivity.Security;

/** The short French text the teacher reads beside each security event. */
final class SecurityTexts {

    private SecurityTexts() {
    }

    static String detail(Security event) {
        String extra = event.detail();
        return switch (event.kind()) {
            case LOGIN_FAILED -> "Connexion refusée : nom inconnu ou mot de passe faux.";
            case LOGIN_THROTTLED -> "Trop d'échecs depuis cette adresse : connexions bloquées encore " + extra + " s.";
            case LOGIN_CUT -> "Déconnecté après " + extra + " échecs de connexion.";
            case RATE_LIMITED -> "Trop de messages à la fois : lignes refusées.";
            case SLOW_CLIENT -> "Client trop lent (ne lit pas ou n'achève pas ses lignes) : déconnecté.";
            case KICKED -> "Expulsé par un administrateur" + reason(extra);
            case BANNED -> "Compte banni par un administrateur" + reason(extra);
            case UNBANNED -> "Compte débanni par un administrateur.";
            case NAME_REFUSED -> "Nom refusé" + (extra == null ? " (réservé)." : " : " + extra);
        };
    }

    private static String reason(String text) {
        return text == null || text.isBlank() ? "." : " : " + text;
    }
}
