package io.orderflow.dlt;

/**
 * One {@code dlt} subcommand: it sees each selected dead letter in topic order, then
 * reports.
 */
interface DeadLetterCommand {

	void accept(DeadLetterRecord record);

	/**
	 * Prints the closing report after {@code scanned} records were read; returns the exit
	 * code.
	 */
	int finish(long scanned);

}
