/**
 * Names of users and channels: the one key by which two names are the same (storage and engine both
 * use it), and what makes a name acceptable. Unicode rules come from ICU4J (UTS #39).
 */
module io.classcord.identity {
    requires com.ibm.icu;

    exports io.classcord.identity;
}
